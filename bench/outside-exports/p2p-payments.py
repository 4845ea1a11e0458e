# P2P payments export shaped unlike the generator (see README.md here):
# users with a device and a card; families/flatmates sharing both and paying each other; chargeback
# fraudsters mostly alone or in loose pairs; half of them labelled.
import random,sys,os,csv,datetime as dt
seed=int(sys.argv[1]); out=sys.argv[2]; N=int(sys.argv[3]) if len(sys.argv)>3 else 33700
rnd=random.Random(seed); os.makedirs(out,exist_ok=True)
t0=dt.datetime(2023,1,1)
def ts(days): return (t0+dt.timedelta(seconds=int(days*86400))).strftime('%Y-%m-%dT%H:%M:%SZ')
accts=[];ids=[];tx=[];truth={}
dev=[0];card=[0]
def nd(): dev[0]+=1; return f"dev-{dev[0]:07d}"
def nc(): card[0]+=1; return f"tok_{card[0]:08d}"
i=0
while len(accts)<N:
  r=rnd.random()
  size=1 if r<0.55 else rnd.choice([2,2,2,3,3,4,5])
  base=rnd.uniform(0,700)
  d=nd(); c=nc(); members=[]
  for j in range(size):
    i+=1; a=f"u{i:06d}"; members.append(a)
    created=base+ (rnd.uniform(0,3) if rnd.random()<0.4 else rnd.uniform(0,300))
    accts.append((a,ts(created)))
    if size==1 or rnd.random()<0.8: ids.append((a,'device',d))
    else: ids.append((a,'device',nd()))
    if size==1 or rnd.random()<0.6: ids.append((a,'payment_instrument',c))
    else: ids.append((a,'payment_instrument',nc()))
    if rnd.random()<0.3: ids.append((a,'device',nd()))
  for _ in range(rnd.randint(0,6*size)):
    if size>1:
      x,y=rnd.sample(members,2); tx.append((x,y))
  truth.update({m:'' for m in members})
users=[a for a,_ in accts]
# random transfers between strangers
for _ in range(int(len(users)*1.5)): tx.append(tuple(rnd.sample(users,2)))
# fraudsters: 0.7% of users, 70% alone, rest in pairs/triples sharing a device
fr=rnd.sample(users,int(0.0072*len(users)))
k=0;rid=0
while k<len(fr):
  if rnd.random()<0.3 and k+1<len(fr):
    g=fr[k:k+rnd.choice([2,3])]; k+=len(g); rid+=1; d=nd()
    for a in g: ids.append((a,'device',d)); truth[a]=f"F{rid:04d}"
    for _ in range(3): 
      x,y=rnd.sample(g,2) if len(g)>1 else (g[0],g[0]); tx.append((x,y))
  else:
    rid+=1; truth[fr[k]]=f"S{rid:04d}"; k+=1
rows=[]; tid=0
for x,y in tx:
  tid+=1; rows.append((f"t{tid:08d}",x,y,f"{rnd.uniform(5,300):.2f}",'USD',ts(rnd.uniform(300,760)),'settled'))
frs=set(fr)
for a in fr:
  for _ in range(rnd.randint(1,4)):
    tid+=1; rows.append((f"t{tid:08d}",a,'',f"{rnd.uniform(50,900):.2f}",'USD',ts(rnd.uniform(300,760)),'chargeback'))
for a in rnd.sample(users,int(0.003*len(users))):  # honest disputes
  tid+=1; rows.append((f"t{tid:08d}",a,'',f"{rnd.uniform(5,100):.2f}",'USD',ts(rnd.uniform(300,760)),'chargeback'))
lab=rnd.sample(fr,len(fr)//2)
W=lambda n,h,rs: (lambda f:(csv.writer(f).writerow(h),csv.writer(f).writerows(rs)))(open(out+'/'+n,'w',newline=''))
W('accounts.csv',['account_id','created_at'],accts)
W('identifiers.csv',['account_id','kind','value'],ids)
W('transactions.csv',['transaction_id','account_id','counterparty_id','amount','currency','created_at','status'],rows)
W('labels.csv',['account_id','label','source','labeled_at'],[(a,'fraud','chargeback',ts(700)) for a in lab])
W('truth.csv',['account_id','ring_id'],[(a,r) for a,r in truth.items()])
open(out+'/labelled.txt','w').write('\n'.join(lab))
