import type { CountryCode } from './places.js';

/** Name material for e-mail local parts (ASCII: that is what mail providers accept). */
export const FIRST_NAMES: readonly string[] = [
  'james', 'oliver', 'harry', 'jack', 'george', 'noah', 'leo', 'oscar', 'charlie', 'jacob',
  'thomas', 'william', 'daniel', 'michael', 'david', 'john', 'robert', 'joseph', 'matthew', 'ryan',
  'lukas', 'felix', 'jonas', 'max', 'paul', 'luca', 'marco', 'mateo', 'hugo', 'louis',
  'olivia', 'amelia', 'isla', 'ava', 'emily', 'sophia', 'grace', 'lily', 'mia', 'ella',
  'emma', 'charlotte', 'hannah', 'sarah', 'laura', 'anna', 'julia', 'lena', 'marie', 'lea',
  'chloe', 'ines', 'lucia', 'sofia', 'giulia', 'martina', 'zuzanna', 'maja', 'wiktoria', 'kasia',
  'mohammed', 'ahmed', 'fatima', 'aisha', 'priya', 'arjun', 'wei', 'mei', 'yuki', 'kenji',
];

export const LAST_NAMES: readonly string[] = [
  'smith', 'jones', 'taylor', 'brown', 'williams', 'wilson', 'johnson', 'davies', 'robinson', 'wright',
  'thompson', 'evans', 'walker', 'white', 'roberts', 'green', 'hall', 'wood', 'jackson', 'clarke',
  'miller', 'davis', 'garcia', 'rodriguez', 'martinez', 'anderson', 'thomas', 'moore', 'martin', 'lee',
  'mueller', 'schmidt', 'schneider', 'fischer', 'weber', 'meyer', 'wagner', 'becker', 'schulz', 'hoffmann',
  'dubois', 'durand', 'lefebvre', 'moreau', 'laurent', 'simon', 'michel', 'bernard', 'petit', 'roux',
  'devries', 'jansen', 'bakker', 'visser', 'smit', 'meijer', 'mulder', 'bos', 'vos', 'peters',
  'fernandez', 'lopez', 'sanchez', 'perez', 'gomez', 'rossi', 'russo', 'ferrari', 'esposito', 'bianchi',
  'romano', 'colombo', 'nowak', 'kowalski', 'wisniewski', 'wojcik', 'kaminski', 'lewandowski', 'khan', 'patel',
  'singh', 'ali', 'chen', 'wang', 'li', 'zhang', 'nguyen', 'kim', 'park', 'tanaka',
];

export interface WeightedDomain {
  domain: string;
  weight: number;
}

const d = (domain: string, weight: number): WeightedDomain => ({ domain, weight });

export const EMAIL_DOMAINS: Record<CountryCode, readonly WeightedDomain[]> = {
  GB: [d('gmail.com', 36), d('outlook.com', 12), d('hotmail.co.uk', 12), d('yahoo.co.uk', 8), d('icloud.com', 10), d('btinternet.com', 6), d('sky.com', 4), d('live.co.uk', 5), d('protonmail.com', 2), d('me.com', 5)],
  US: [d('gmail.com', 45), d('yahoo.com', 15), d('outlook.com', 8), d('hotmail.com', 8), d('icloud.com', 12), d('aol.com', 5), d('comcast.net', 4), d('proton.me', 3)],
  DE: [d('gmail.com', 25), d('gmx.de', 25), d('web.de', 25), d('t-online.de', 10), d('outlook.de', 8), d('posteo.de', 4), d('icloud.com', 3)],
  FR: [d('gmail.com', 35), d('orange.fr', 20), d('hotmail.fr', 15), d('free.fr', 10), d('laposte.net', 8), d('yahoo.fr', 7), d('sfr.fr', 5)],
  NL: [d('gmail.com', 40), d('hotmail.com', 15), d('outlook.com', 15), d('ziggo.nl', 12), d('kpnmail.nl', 10), d('live.nl', 8)],
  ES: [d('gmail.com', 45), d('hotmail.es', 25), d('yahoo.es', 10), d('outlook.es', 12), d('telefonica.net', 8)],
  IT: [d('gmail.com', 35), d('libero.it', 20), d('hotmail.it', 12), d('yahoo.it', 10), d('virgilio.it', 8), d('alice.it', 8), d('outlook.it', 7)],
  PL: [d('gmail.com', 30), d('wp.pl', 25), d('onet.pl', 20), d('o2.pl', 12), d('interia.pl', 13)],
};

/** Where throwaway sign-ups come from; fraudsters also use the big free providers. */
export const BURNER_DOMAINS: readonly WeightedDomain[] = [
  d('gmail.com', 30), d('outlook.com', 15), d('mail.com', 12), d('proton.me', 12), d('tutanota.com', 8),
  d('gmx.com', 8), d('yandex.com', 8), d('mailfence.com', 4), d('guerrillamail.com', 3),
];

export function pickDomain(domains: readonly WeightedDomain[], u: number): string {
  let total = 0;
  for (const x of domains) total += x.weight;
  let r = u * total;
  for (const x of domains) {
    r -= x.weight;
    if (r < 0) return x.domain;
  }
  return domains[domains.length - 1]!.domain;
}
