"""A small curated verb lexicon for the synthetic twins (verify.train.twins): antonyms, whose swap
contradicts, synonyms, whose swap is entailed, and asymmetric relations, whose swapped roles
contradict. Kept short on purpose: every entry was chosen because swapping it in a real sentence is
safe; verbs with common idioms or several senses ("left", "fired a shot") are left out or guarded.
"""

from __future__ import annotations

# Surface forms: past tense -> (past participle, base form). Multi-word verbs are phrasal verbs.
VERB_FORMS: dict[str, tuple[str, str]] = {
    "upheld": ("upheld", "uphold"),
    "overturned": ("overturned", "overturn"),
    "reversed": ("reversed", "reverse"),
    "affirmed": ("affirmed", "affirm"),
    "struck down": ("struck down", "strike down"),
    "approved": ("approved", "approve"),
    "rejected": ("rejected", "reject"),
    "turned down": ("turned down", "turn down"),
    "granted": ("granted", "grant"),
    "denied": ("denied", "deny"),
    "accepted": ("accepted", "accept"),
    "refused": ("refused", "refuse"),
    "declined": ("declined", "decline"),
    "won": ("won", "win"),
    "lost": ("lost", "lose"),
    "gained": ("gained", "gain"),
    "defeated": ("defeated", "defeat"),
    "beat": ("beaten", "beat"),
    "lost to": ("lost to", "lose to"),
    "rose": ("risen", "rise"),
    "fell": ("fallen", "fall"),
    "increased": ("increased", "increase"),
    "decreased": ("decreased", "decrease"),
    "climbed": ("climbed", "climb"),
    "dropped": ("dropped", "drop"),
    "opened": ("opened", "open"),
    "closed": ("closed", "close"),
    "shut down": ("shut down", "shut down"),
    "acquitted": ("acquitted", "acquit"),
    "convicted": ("convicted", "convict"),
    "found guilty": ("found guilty", "find guilty"),
    "allowed": ("allowed", "allow"),
    "permitted": ("permitted", "permit"),
    "banned": ("banned", "ban"),
    "prohibited": ("prohibited", "prohibit"),
    "began": ("begun", "begin"),
    "started": ("started", "start"),
    "ended": ("ended", "end"),
    "finished": ("finished", "finish"),
    "bought": ("bought", "buy"),
    "purchased": ("purchased", "purchase"),
    "sold": ("sold", "sell"),
    "acquired": ("acquired", "acquire"),
    "hired": ("hired", "hire"),
    "resigned": ("resigned", "resign"),
    "stepped down": ("stepped down", "step down"),
    "died": ("died", "die"),
    "passed away": ("passed away", "pass away"),
    "married": ("married", "marry"),
    "wed": ("wed", "wed"),
    "divorced": ("divorced", "divorce"),
    "supported": ("supported", "support"),
    "backed": ("backed", "back"),
    "opposed": ("opposed", "oppose"),
    "confirmed": ("confirmed", "confirm"),
    "succeeded": ("succeeded", "succeed"),
    "replaced": ("replaced", "replace"),
    "preceded": ("preceded", "precede"),
    "appointed": ("appointed", "appoint"),
    "nominated": ("nominated", "nominate"),
    "killed": ("killed", "kill"),
    "murdered": ("murdered", "murder"),
    "assassinated": ("assassinated", "assassinate"),
    "overthrew": ("overthrown", "overthrow"),
    "ousted": ("ousted", "oust"),
    "deposed": ("deposed", "depose"),
    "conquered": ("conquered", "conquer"),
    "captured": ("captured", "capture"),
    "invaded": ("invaded", "invade"),
    "annexed": ("annexed", "annex"),
    "coached": ("coached", "coach"),
    "managed": ("managed", "manage"),
    "signed": ("signed", "sign"),
    "drafted": ("drafted", "draft"),
    "traded": ("traded", "trade"),
    "released": ("released", "release"),
    "eliminated": ("eliminated", "eliminate"),
    "surpassed": ("surpassed", "surpass"),
    "betrayed": ("betrayed", "betray"),
    "taught": ("taught", "teach"),
}

# Incompatible outcomes of one event: either in place of the other contradicts it. Symmetric.
ANTONYMS: list[tuple[str, str]] = [
    ("upheld", "overturned"),  # a court ruling
    ("upheld", "reversed"),
    ("upheld", "struck down"),
    ("affirmed", "overturned"),
    ("approved", "rejected"),  # a vote, an application
    ("granted", "denied"),  # "was granted / denied bail"
    ("granted", "rejected"),
    ("accepted", "rejected"),
    ("accepted", "declined"),
    ("won", "lost"),  # a match, an election, a case
    ("defeated", "lost to"),
    ("beat", "lost to"),
    ("gained", "lost"),
    ("rose", "fell"),  # a figure
    ("increased", "decreased"),
    ("climbed", "dropped"),
    ("opened", "closed"),  # a building, a route, a business
    ("acquitted", "convicted"),
    ("allowed", "banned"),
    ("permitted", "prohibited"),
    ("began", "ended"),
    ("started", "ended"),
    ("married", "divorced"),
    ("supported", "opposed"),
    ("confirmed", "denied"),
]

# The first entails the second (same tense, same arguments). `both` marks a true synonym pair.
SYNONYMS: list[tuple[str, str, bool]] = [
    ("rejected", "turned down", True),
    ("refused", "declined", True),
    ("resigned", "stepped down", True),
    ("died", "passed away", True),
    ("overturned", "reversed", True),
    ("upheld", "affirmed", True),
    ("overturned", "struck down", False),
    ("defeated", "beat", True),
    ("bought", "purchased", True),
    ("acquired", "bought", False),
    ("began", "started", True),
    ("rose", "increased", False),  # intransitive "rose" only (see BLOCKED_AFTER)
    ("fell", "decreased", False),
    ("climbed", "rose", False),
    ("dropped", "fell", False),
    ("closed", "shut down", False),
    ("allowed", "permitted", True),
    ("banned", "prohibited", True),
    ("married", "wed", True),
    ("supported", "backed", True),
    ("convicted", "found guilty", False),
]

# Passive "was/were killed" entails "died", not the other way round: a rewrite of its own.
KILLED_DIED = ("killed", "died")

# Relations whose swapped roles contradict ("A defeated B" / "B defeated A"): one winner, one
# successor, one buyer. Symmetric or mutual relations (married, met, played, sued, criticised)
# are left out: there a swap keeps the meaning or says something merely different.
# Only relations between two of a kind (people, teams, firms, states): "Bush signed the Act" or
# "the Cubs traded Evers" swapped is nonsense, not a contradiction worth learning.
ASYMMETRIC = [
    "defeated", "beat", "succeeded", "replaced", "preceded", "acquired", "bought", "hired", "appointed",
    "killed", "murdered", "assassinated", "overthrew", "ousted", "deposed", "invaded", "annexed",
    "eliminated", "surpassed", "betrayed", "taught",
]  # fmt: skip

# Words after a verb that make a swap unsafe: idioms and other senses of the word.
BLOCKED_AFTER: dict[str, tuple[str, ...]] = {
    "opened": ("fire", "up", "with", "for"),
    "closed": ("in", "ranks"),
    "rose": ("to power", "to fame", "to prominence", "to become", "up", "through"),
    "fell": ("in love", "ill", "asleep", "silent", "under", "apart", "out", "for", "to"),
    "lost": ("to", "his life", "her life", "their lives", "weight", "control", "touch"),
    "won": ("over",),
    # "ended with his exoneration" is not "did not begin with it": how, not whether
    "began": ("to", "with", "as"),
    "started": ("to", "out", "with", "as"),
    "ended": ("up", "to", "with", "in"),
    "declined": ("to",),  # "declined to comment": refused, not a fall
    "dropped": ("out", "by", "to"),
    "climbed": ("to", "up"),
    "managed": ("to",),
    "released": ("from",),
    "signed": ("up", "off", "with"),
    "backed": ("up", "down", "off"),
    "confirmed": ("as",),
}
