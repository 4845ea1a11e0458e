// An identifier that is no longer a hub loses its :Hub label (hubs are few: a label scan).
MATCH (i:Identifier:Hub)
WHERE NOT i.hub
REMOVE i:Hub
