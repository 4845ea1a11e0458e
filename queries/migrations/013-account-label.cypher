// Known fraud / cleared accounts (Account.label = 'fraud' or 'legit').
CREATE INDEX account_label IF NOT EXISTS FOR (a:Account) ON (a.label)
