# identity-only export shaped unlike the generator (see README.md here)
import random,sys,os,csv
seed=int(sys.argv[1]); out=sys.argv[2]; honest_share=float(sys.argv[3]) if len(sys.argv)>3 else 0.0
rnd=random.Random(seed); os.makedirs(out,exist_ok=True)
def phone(): return ''.join(rnd.choice('0123456789') for _ in range(7))
def fmt_phone(p,area):
  f=rnd.randrange(4)
  return [f"({area}) {p[:3]}-{p[3:]}",f"{area}-{p[:3]}-{p[3:]}",f"+1 {area} {p[:3]} {p[3:]}",f"1{area}{p}"][f]
def nid(): return ''.join(rnd.choice('0123456789') for _ in range(9))
def fmt_nid(n): return rnd.choice([n,f"{n[:3]}-{n[3:5]}-{n[5:]}",f"{n[:3]} {n[3:5]} {n[5:]}"])
names=['anna','john','maria','li','wei','omar','sara','tom','eva','raj','ken','lucy','ivan','olga','paul']
def email(i): return f"{rnd.choice(names)}.{rnd.choice(names)}{rnd.randrange(10000)}@{rnd.choice(['gmail.com','yahoo.com','outlook.com','mail.com'])}"
accts=[];ids=[];truth=[]
n=0
def new(): 
  global n; n+=1; return f"U{n:06d}"
for i in range(1000):
  a=new(); accts.append(a); truth.append((a,''))
  ids.append((a,'email',email(i))); ids.append((a,'phone',fmt_phone(phone(),rnd.choice(['212','415','312'])))); ids.append((a,'national_id',fmt_nid(nid())))
# honest sharing (families sharing a phone), optional
hs=[a for a in accts if rnd.random()<honest_share]
for i in range(0,len(hs)-1,2):
  p=[v for (x,k,v) in ids if x==hs[i] and k=='phone'][0]
  ids=[(x,k,v) for (x,k,v) in ids if not (x==hs[i+1] and k=='phone')]+[(hs[i+1],'phone',p)]
left=334; r=0
while left>0:
  sz=min(left,rnd.randint(2,6)); left-=sz; r+=1
  sp=phone(); area=rnd.choice(['212','415','312']); sn=nid()
  mode=rnd.choice(['phone','nid','both'])
  for j in range(sz):
    a=new(); accts.append(a); truth.append((a,f"R{r:04d}"))
    ids.append((a,'email',email(n)))
    ids.append((a,'phone',fmt_phone(sp if mode!='nid' else phone(),area)))
    ids.append((a,'national_id',fmt_nid(sn if mode!='phone' else nid())))
order=list(range(len(accts))); rnd.shuffle(order)
with open(out+'/accounts.csv','w') as f:
  f.write('account_id\n'); [f.write(accts[i]+'\n') for i in order]
with open(out+'/identifiers.csv','w') as f:
  w=csv.writer(f); w.writerow(['account_id','kind','value']); rows=ids[:]; rnd.shuffle(rows); w.writerows(rows)
with open(out+'/truth.csv','w') as f:
  w=csv.writer(f); w.writerow(['account_id','ring_id']); w.writerows(truth)
