# Scores start_on_a_word.sh outputs: SI-SDR gain (noisy clips) and SI-SDR (clean clips) over the first 0.3/0.5/1 s.
import glob, numpy as np, sys
from scipy.io import wavfile
def sisdr(ref, est):
    a=np.dot(est,ref)/np.dot(ref,ref); t=a*ref; e=est-t
    return 10*np.log10(np.sum(t**2)/max(np.sum(e**2),1e-20))
W=sys.argv[1]; V=sys.argv[2:]
for kind in ['noisy','clean']:
  for T in [0.3,0.5,1.0]:
    line=[]
    for v in V:
        vals=[]
        for f in sorted(glob.glob(W+'/*-clean.wav')):
            b=f[:-10]; isclean=b.endswith('-clean')
            if (kind=='clean')!=isclean: continue
            n=int(T*48000)
            _,c=wavfile.read(f); _,x=wavfile.read(b+'-noisy.wav'); _,y=wavfile.read(b+'-'+v+'.wav')
            c=c[:n].astype(float); x=x[:n].astype(float); y=y[:n].astype(float)
            vals.append(sisdr(c,y)-(0 if isclean else sisdr(c,x)))
        line.append('%s %.2f (min %.2f)'%(v,np.mean(vals),np.min(vals)))
    print(kind,T,' | '.join(line))
