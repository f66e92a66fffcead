# Scores start_on_a_word.sh outputs: SI-SDR gain (noisy clips) and SI-SDR (clean clips) over the first 0.3/0.5/1 s.
import glob, numpy as np, sys
from scipy.io import wavfile
def sisdr(ref, est):
    a=np.dot(est,ref)/np.dot(ref,ref); t=a*ref; e=est-t
    return 10*np.log10(np.sum(t**2)/max(np.sum(e**2),1e-20))
def read(path):
    return wavfile.read(path)[1].astype(float)
W=sys.argv[1]; V=sys.argv[2:]
clips=[]  # (is a clean-only clip, clean, noisy, {variant: output}), each file read once
for f in sorted(glob.glob(W+'/*-clean.wav')):
    b=f[:-10]
    clips.append((b.endswith('-clean'), read(f), read(b+'-noisy.wav'), {v: read(b+'-'+v+'.wav') for v in V}))
for kind in ['noisy','clean']:
  for T in [0.3,0.5,1.0]:
    n=int(T*48000)
    line=[]
    for v in V:
        vals=[sisdr(c[:n],out[v][:n])-(0 if isclean else sisdr(c[:n],x[:n]))
              for isclean,c,x,out in clips if (kind=='clean')==isclean]
        line.append('%s %.2f (min %.2f)'%(v,np.mean(vals),np.min(vals)))
    print(kind,T,' | '.join(line))
