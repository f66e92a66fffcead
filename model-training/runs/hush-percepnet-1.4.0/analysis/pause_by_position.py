# Where in the pauses a denoiser leaves its noise: per 10 ms block, by distance from the speech before/after, and
# the first pause (stream start) by time. Reads bin/evaluate's kept outputs in ~/.cache/hush/corpora/eval-outputs.
#   python3 pause_by_position.py DENOISER_NAME [v2|dev1]
import json, sys, glob, os, numpy as np
from scipy.io import wavfile
base=os.path.expanduser('~/.cache/hush/corpora')
den=sys.argv[1]; setname=sys.argv[2] if len(sys.argv)>2 else 'v2'
sd={'v2':'evalset-v2','dev1':'evalset-dev1'}[setname]
H=480
# bins: ms from pause start (after previous speech), interior, ms before next speech
edges=[0,10,20,40,80,160,10**9]
tot_in=0; tot_out=0
# the first pause (clip start) by time from the start, and the other pauses pooled
E=[0,50,100,200,300,400,600]
ai=np.zeros(len(E)); ao=np.zeros(len(E)); ri=0; ro=0
acc_in=np.zeros(len(edges)-1); acc_out=np.zeros(len(edges)-1)
accb_in=np.zeros(len(edges)-1); accb_out=np.zeros(len(edges)-1)
for d in sorted(glob.glob(f"{base}/{sd}/*/")):
    d=d.rstrip("/")
    cid=os.path.basename(d)
    p=json.load(open(f'{d}/pauses.json'))['regions']
    if not p: continue
    _,x=wavfile.read(f'{d}/noisy.wav'); o=f'{base}/eval-outputs/{setname}/{den}/{cid}.wav'
    if not os.path.exists(o): continue
    _,y=wavfile.read(o); x=x.astype(np.float64); y=y.astype(np.float64)
    for k,(s,e) in enumerate(p):
        for i in range(s,e,H):
            j=min(i+H,e)
            a=np.sum(x[i:j]**2); b=np.sum(y[i:j]**2)
            tot_in+=a; tot_out+=b
            ms_from_start=(i-s)/48 if k>0 else 10**8
            ms_to_end=(e-j)/48 if k<len(p)-1 else 10**8
            if k==0:
                f=np.searchsorted(E,(i-s)/48,side='right')-1; ai[f]+=a; ao[f]+=b
            else:
                ri+=a; ro+=b
            if ms_from_start<=ms_to_end:
                bi=np.searchsorted(edges,ms_from_start,side='right')-1; acc_in[bi]+=a; acc_out[bi]+=b
            else:
                bi=np.searchsorted(edges,ms_to_end,side='right')-1; accb_in[bi]+=a; accb_out[bi]+=b
print('overall drop %.1f dB'%(10*np.log10(tot_in/tot_out)))
for i in range(len(edges)-1):
    print('after speech %5s-%5s ms: share of out energy %.2f, in %.2f, drop %.1f'%(edges[i],edges[i+1],acc_out[i]/tot_out,acc_in[i]/tot_in,10*np.log10(acc_in[i]/max(acc_out[i],1e-20))))
for i in range(len(edges)-1):
    print('before speech %5s-%5s ms: share of out energy %.2f, in %.2f, drop %.1f'%(edges[i],edges[i+1],accb_out[i]/tot_out,accb_in[i]/tot_in,10*np.log10(accb_in[i]/max(accb_out[i],1e-20))))
print('first pause, by time from clip start:')
for b in range(len(E)-1):
    if ai[b]>0: print('  %4d-%4d ms: drop %.1f dB, share of all pause output %.2f'%(E[b],E[b+1],10*np.log10(ai[b]/ao[b]),ao[b]/tot_out))
print('other pauses pooled drop %.1f dB'%(10*np.log10(ri/ro)))
