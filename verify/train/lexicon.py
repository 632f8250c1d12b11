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

# ---- roles (verify.train.roles) ----------------------------------------------------------
# Role verbs not in VERB_FORMS (kept apart: the antonym and synonym rewrites scan VERB_FORMS):
# past -> (past participle, base form).
ROLE_FORMS: dict[str, tuple[str, str]] = {
    "sued": ("sued", "sue"),
    "fired": ("fired", "fire"),
    "sacked": ("sacked", "sack"),
    "endorsed": ("endorsed", "endorse"),
    "charged": ("charged", "charge"),
    "arrested": ("arrested", "arrest"),
    "accused": ("accused", "accuse"),
    "criticised": ("criticised", "criticise"),
    "criticized": ("criticized", "criticize"),
    "attacked": ("attacked", "attack"),
    "assaulted": ("assaulted", "assault"),
    "stabbed": ("stabbed", "stab"),
    "shot": ("shot", "shoot"),
    "robbed": ("robbed", "rob"),
    "kidnapped": ("kidnapped", "kidnap"),
    "rescued": ("rescued", "rescue"),
    "overtook": ("overtaken", "overtake"),
    "took over": ("taken over", "take over"),
    "knocked out": ("knocked out", "knock out"),
    "paid": ("paid", "pay"),
    "elected": ("elected", "elect"),
    "lent": ("lent", "lend"),
    "loaned": ("loaned", "loan"),
    "borrowed": ("borrowed", "borrow"),
    "donated": ("donated", "donate"),
    "received": ("received", "receive"),
    "met": ("met", "meet"),
    "played": ("played", "play"),
    "merged": ("merged", "merge"),
    "drew": ("drawn", "draw"),
    "tied": ("tied", "tie"),
    "clashed": ("clashed", "clash"),
    "collaborated": ("collaborated", "collaborate"),
    "partnered": ("partnered", "partner"),
    "negotiated": ("negotiated", "negotiate"),
    "talked": ("talked", "talk"),
    "spoke": ("spoken", "speak"),
    "competed": ("competed", "compete"),
    "held": ("held", "hold"),
    "hosted": ("hosted", "host"),
    "invited": ("invited", "invite"),
    "questioned": ("questioned", "question"),
    "detained": ("detained", "detain"),
    "deported": ("deported", "deport"),
    "extradited": ("extradited", "extradite"),
    "abducted": ("abducted", "abduct"),
    "injured": ("injured", "injure"),
    "wounded": ("wounded", "wound"),
    "punched": ("punched", "punch"),
    "kicked": ("kicked", "kick"),
    "slapped": ("slapped", "slap"),
    "chased": ("chased", "chase"),
    "interviewed": ("interviewed", "interview"),
    "fined": ("fined", "fine"),
    "suspended": ("suspended", "suspend"),
    "outscored": ("outscored", "outscore"),
    "outsold": ("outsold", "outsell"),
    "outvoted": ("outvoted", "outvote"),
    "outbid": ("outbid", "outbid"),
    "employed": ("employed", "employ"),
    "trained": ("trained", "train"),
    "mentored": ("mentored", "mentor"),
    "adopted": ("adopted", "adopt"),
    "recruited": ("recruited", "recruit"),
    "dismissed": ("dismissed", "dismiss"),
    "impeached": ("impeached", "impeach"),
    "indicted": ("indicted", "indict"),
    "prosecuted": ("prosecuted", "prosecute"),
    "reached": ("reached", "reach"),
    "struck": ("struck", "strike"),
    "formed": ("formed", "form"),
}

# Relations whose swapped roles contradict ("A defeated B" / "B defeated A"): one winner, one
# successor, one buyer, one who arrested or sued the other in the event the sentence reports (as
# NLI annotators read two sentences about one event). Senses with two people or groups only: the
# parties must be names or human/group nouns (verify.train.roles), so "Bush signed the Act",
# "fired a shot" or "shot a film" never qualify. Left out: verbs whose swap is merely something
# else, not the opposite ("visited", "praised", "thanked"), and symmetric ones (below).
ASYMMETRIC = [
    "defeated", "beat", "succeeded", "replaced", "preceded", "acquired", "bought", "hired", "appointed",
    "killed", "murdered", "assassinated", "overthrew", "ousted", "deposed", "invaded", "annexed",
    "eliminated", "surpassed", "betrayed", "taught", "coached", "drafted", "traded", "signed", "nominated",
    "captured", "conquered", "sued", "fired", "sacked", "endorsed", "charged", "arrested", "accused",
    "criticised", "criticized", "attacked", "assaulted", "stabbed", "shot", "robbed", "kidnapped", "rescued",
    "overtook", "took over", "knocked out", "paid", "elected", "hosted", "invited", "questioned", "detained",
    "deported", "extradited", "abducted", "injured", "wounded", "punched", "kicked", "slapped", "chased",
    "interviewed", "fined", "suspended", "banned", "outscored", "outsold", "outvoted", "outbid", "employed",
    "trained", "mentored", "adopted", "recruited", "dismissed", "impeached", "indicted", "prosecuted",
]  # fmt: skip
# Of those, the ones whose swap is nonsense rather than a contradiction when the parties are of two
# kinds ("Arsenal signed Smith" -> "Smith signed Arsenal"): they need two people, two groups, or a
# name of unknown kind. The others take any ("police arrested a boy" -> "a boy arrested police");
# NER's kinds are too noisy ("Wigan" a person) to ask more of them.
SAME_KIND = {
    "signed", "traded", "drafted", "hired", "fired", "sacked", "appointed", "elected", "nominated", "coached",
    "taught", "acquired", "bought", "took over", "invaded", "annexed", "captured", "conquered", "married",
    "hosted", "employed", "trained", "mentored", "recruited", "dismissed", "outsold", "outbid", "adopted",
}  # fmt: skip
# Three-place transfers "A sold X to B": the party after the preposition; each with its converse
# ("B bought X from A"). A dative "lent B X" reads as "lent X to B".
TRANSFERS: dict[str, tuple[str, str, str]] = {
    "sold": ("to", "bought", "from"),
    "bought": ("from", "sold", "to"),
    "lent": ("to", "borrowed", "from"),
    "loaned": ("to", "borrowed", "from"),
    "borrowed": ("from", "lent", "to"),
    "donated": ("to", "received", "from"),
}
# Two-place converses: "A beat B" = "B lost to A", "A succeeded B" = "B preceded A". A value with
# a preposition is that verb plus its preposition.
CONVERSES: dict[str, str] = {
    "beat": "lost to",
    "defeated": "lost to",
    "lost to": "beat",
    "succeeded": "preceded",
    "preceded": "succeeded",
}
# Symmetric relations: swapped, the parties say the same ("A met B" = "B met A").
# ("played" is left out: "West played Higgins" is a role in a play as often as a match.)
SYMMETRIC_OBJECT = {"met", "married"}
SYMMETRIC_WITH = {
    "met", "merged", "drew", "tied", "clashed", "collaborated", "partnered", "negotiated", "talked",
    "spoke", "competed", "held", "signed", "reached", "struck", "formed",
}  # fmt: skip
# "held talks with", "signed an agreement with": these verbs are symmetric only with such an object.
SYMMETRIC_DEALS = {
    "talks", "agreement", "deal", "pact", "treaty", "accord", "truce", "ceasefire", "alliance", "partnership",
    "contract", "memorandum", "merger",
}  # fmt: skip
# Parties that are not names: people and groups ("a 15-year-old boy", "the council").
PERSON_NOUNS = {
    "man", "men", "woman", "women", "boy", "boys", "girl", "girls", "teenager", "teenagers", "youth", "child",
    "officer", "officers", "policeman", "soldier", "soldiers", "driver", "student", "students", "teacher", "doctor",
    "nurse", "mother", "father", "son", "daughter", "wife", "husband", "neighbour", "neighbor", "friend", "player",
    "striker", "goalkeeper", "manager", "coach", "chairman", "president", "minister", "mayor", "judge", "king",
    "queen", "prince", "emperor", "senator", "governor", "landlord", "tenant", "pensioner", "gunman", "suspect",
    "victim", "brother", "sister", "employer", "employee", "rival", "champion", "challenger", "incumbent",
    "candidate", "leader", "chief", "boss", "owner", "actor", "singer", "people", "person", "sons", "brothers",
    "sisters", "members", "member", "employees", "civilians", "militants", "officials", "official", "agents",
    "agent", "star", "defender", "midfielder", "forward", "winger", "keeper", "boxer", "fighter", "rapper",
    "actress", "deputy", "sheriff", "trooper", "prosecutor", "prosecutors", "lawyer", "attorney", "detective",
    "detectives", "gunmen", "attacker", "attackers", "robber", "robbers", "thief", "thieves", "passenger",
    "pedestrian", "cyclist", "motorist", "footballer", "cricketer", "batsman", "bowler", "pitcher", "quarterback",
    "father-in-law", "uncle", "aunt", "nephew", "niece", "cousin", "grandson", "granddaughter", "girlfriend",
    "boyfriend", "partner", "fan", "fans", "supporters", "voters", "residents", "villagers", "workers", "youths",
    "pupils", "inmates", "prisoners", "guards", "journalists", "reporter", "bishop", "pope", "priest", "general",
    "commander", "colonel", "captain", "sergeant", "lieutenant", "premier",
}  # fmt: skip
GROUP_NOUNS = {
    "council", "government", "police", "company", "firm", "club", "team", "side", "party", "union", "bank",
    "army", "rebels", "protesters", "gang", "committee", "board", "authorities", "regime", "troops",
    "forces", "ministry", "agency", "school", "university", "hospital", "charity", "group", "network",
    "airline", "retailer", "supermarket", "corporation", "state", "city", "county", "administration",
    "band", "family", "department", "court", "force", "squad", "club's", "champions", "hosts", "visitors",
    "holders", "giants", "newcomers", "opponents", "rivals", "allies", "insurgents", "militia", "coalition",
    "senate", "parliament", "congress", "cabinet", "federation", "association", "league", "council's",
    "brigade", "battalion", "regiment", "navy", "militants", "police force", "firms", "companies", "banks",
    "clubs", "teams", "governments", "states", "countries", "nations", "country", "nation",
}  # fmt: skip

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
