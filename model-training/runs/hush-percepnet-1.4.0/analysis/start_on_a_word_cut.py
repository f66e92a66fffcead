# Cuts evaluation set v2 clips to start on their first word (3 s): start_on_a_word.sh
import json, glob, os, sys, numpy as np
from scipy.io import wavfile
OUT=sys.argv[1]
base=os.path.expanduser('~/.cache/hush/corpora/evalset-v2')
for d in sorted(glob.glob(base+'/*/')):
    d=d.rstrip('/'); cid=os.path.basename(d)
    p=json.load(open(d+'/pauses.json'))['regions']
    if not p: continue
    s=p[0][1]+int(0.03*48000)  # speech starts at the end of the first pause (+ guard)
    r,x=wavfile.read(d+'/noisy.wav'); _,c=wavfile.read(d+'/clean.wav')
    n=3*48000
    wavfile.write(f'{OUT}/{cid}-noisy.wav',r,x[s:s+n].astype(np.float32))
    wavfile.write(f'{OUT}/{cid}-clean.wav',r,c[s:s+n].astype(np.float32))
