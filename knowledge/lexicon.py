"""Word lists the matcher needs that are about English, not about the pack."""

from __future__ import annotations

import re

from knowledge.foreign import FOREIGN  # noqa: F401  (re-exported for the matcher)

# Words that carry no topic: they never count as evidence for or against a fact.
STOPWORDS = frozenset("""
a an the of in on at to for from by with about as into onto over under than then
and or but nor so if is are was were be been being am do does did done has have had having
i me my we our you your he him his she her it its they them their this that these those there
here what which who whom whose when where why how whats whos wheres hows
can could would should will shall may might must please tell me explain describe say says said
any some all each every much many more most other another such own same
yo hey hi hello ok okay pls plz thanks thank u ur r rn bot lol btw anyone someone know
just really actually now currently today ever also exactly please again since doing
un uns united nations s t d ll re ve m
up down out off thing things stuff like get got go going want wanna gonna need kind kinda sort
lot lots bit quick question questions one guys guy ya yeah yes no not nah oh well
essay essays writing write class classes studying homework assignment exam seminar paper
project presentation flashcard flashcards trivia night hosting teacher professor textbook
remind reminder wondering curious confused sanity check help anyone someone somebody looking
idk tbh wdym imo ngl lmao hmm um uh ok so okay pls thx ty
mun uni fyi asap omg imho afaik tldr eli5 dumb sorry silly newbie noob im ive youre
kindly pray grateful appreciate appreciated enlighten
usually typically normally generally basically literally simply anyway tho mostly even
nowadays
mainly somehow channel claimed everyone everybody friend friends weird wrote drafting speech
double think thought mixed delegate delegates kinds sorts
described describes characterised characterized characterise characterize portrayed depicted
committee sim placard prepping prep guide
bruh bro dude fam fr frfr lowkey highkey istg smh ong real
identify dossier portion didnt isnt wasnt doesnt hasnt innit ir
overall per curated curation table refer refers referred specifically particular particularly
believe reckon suppose son daughter kid kids child children mom dad mum parent parents
pretty sure obviously clearly totally tired sleepy exhausted brain 2am 3am grandson
granddaughter grandkid grandkids grandchildren grandchild
bonjour hola ola ciao salut buenas buenos merci gracias obrigado obrigada grazie
mr mrs ms mister monsieur madame signor senhor herr
summarize summarise summarizing recap pov lore vibe vibes maybe perhaps bother bothering
""".split())

# Chat shorthand, spelled out before matching ("ppl" is "people").
SHORTHAND: dict[str, str] = {
    "ppl": "people", "ppls": "people", "govt": "government", "govts": "governments",
    "gov": "government", "dept": "department", "depts": "departments", "abt": "about",
    "bc": "because", "cuz": "because", "coz": "because", "wat": "what", "wut": "what",
    "diff": "difference", "wen": "when", "every1": "everyone", "any1": "anyone",
    "some1": "someone", "yrs": "years", "yr": "year", "thru": "through",
    "info": "information", "mgmt": "management", "org": "organization",
    "orgs": "organizations", "intl": "international", "stand 4": "stand for",
    "under sec": "under secretary", "sec gen": "secretary general", "w o": "without",
    "b4": "before", "w": "with", "ovr": "over", "smth": "something", "sth": "something",
    "pls": "please", "chef": "chief", "chefs": "chiefs", "est": "established",
    "estd": "established", "wtf": "what", "wth": "what", "designation": "name",
    "full designation": "full name", "legal instrument": "resolution",
    "actual head": "current head", "actual chief": "current chief", "actual usg": "current usg",
    # a speed-typer's words without vowels too short to be read back ("whn ws minusma est?")
    "ws": "was", "dd": "did", "wh": "who", "hw": "how", "nw": "now", "dz": "does",
    "dt": "date", "rl": "role", "1st": "first", "hd": "head", "mny": "many",
    "stnd 4": "stand for", "stnds 4": "stands for", "ln": "line",
    "og": "original", "spawn in": "created", "spawn": "created", "spawned": "created",
    "main quest": "main objective", "joever": "over", "pulled the plug": "ended",
    "pull the plug": "end", "ok boomer": "", "in 2 lines": "", "in two lines": "",
    "in 3 lines": "", "in three lines": "",
    # a sports fan's words for starts, ends and heads
    "blew the final whistle on": "ended", "final whistle": "end", "final buzzer": "end",
    "took the field": "started", "take the field": "start", "subbed off": "ended",
    "still in the game": "still active", "home ground": "location", "took the handoff from":
        "succeeded", "the handoff from": "the succession of", "coach": "head",
    "playbook": "focus", "seasons": "years",
    "in office for the": "in office at the time of the",
    "lined up to": "going to", "next in line to": "going to",
    "would you rather": "you rather",
    "boss of the un peacekeepers": "head of un peacekeeping",
    "boss of the peacekeepers": "head of un peacekeeping",
    "head of the un peacekeepers": "head of un peacekeeping",
    "chief of the un peacekeepers": "head of un peacekeeping",
    "in charge of the peacekeepers": "head of un peacekeeping",
    "in charge of the un peacekeepers": "head of un peacekeeping",
    "rite now": "right now", "meny": "many", "peple": "people", "persun": "person",
    "dear bot": "", "would you be so kind as to": "", "would you be so kind to": "",
    "i would be grateful if you could": "", "i d be grateful if you could": "",
    "i would be grateful if": "", "may i ask": "", "could you kindly": "",
    "as far as your notes say": "", "as far as the notes say": "",
    "as far as you know": "", "as far as u know": "", "to your knowledge": "",
    "come into being": "established", "came into being": "established",
    "come into existence": "established", "came into existence": "established",
    "is it dead": "has it ended", "is it still alive": "is it still active",
    "area of jurisdiction": "area", "jurisdiction": "responsibilities",
    "initials": "acronym", "doc": "document", "docs": "documents", "vs": "versus",
    "v": "versus", "tl dr": "",
    # a request is not chit-chat with the bot: "can you list the debates?"
    "can you": "", "could you": "", "would you": "", "can u": "", "could u": "",
    "do you know": "", "do u know": "",
    "jan": "january", "feb": "february", "apr": "april", "jun": "june", "jul": "july",
    "aug": "august", "sep": "september", "sept": "september", "oct": "october",
    "nov": "november", "dec": "december",
    # slips in the words every question is made of, too short for the speller to risk
    "wher": "where", "whre": "where", "waht": "what", "wht": "what", "whn": "when",
    "wich": "which", "whic": "which", "dose": "does", "teh": "the", "hte": "the",
    "n": "and", "q": "question", "ops": "operations", "op": "operation", "rep": "republic",
    "dem rep": "democratic republic", "res": "resolution", "reso": "resolution",
    # asking for it plainly says nothing about what is asked
    "in simple words": "", "in simple terms": "", "in plain english": "", "in plain terms": "",
    "in plain words": "", "in a nutshell": "", "in a few words": "", "in short": "",
    "simply put": "", "like i m five": "", "like im five": "", "like im 5": "",
    "with easy words": "", "in easy words": "", "in easy terms": "",
    # asking to be corrected is a check: "UNMISS is in Somalia. Tell me if I'm wrong."
    "tell me if i m wrong": "right", "tell me if i am wrong": "right",
    "correct me if i m wrong": "right", "correct me if i am wrong": "right",
    "correct me if not": "right", "correct me if i m mistaken": "right",
    # the story behind a name is why it is so
    "what is the story behind": "why", "whats the story behind": "why",
    "what is the story of": "why", "the story behind": "why",
    # "the one in Darfur": in a bot about missions, the mission there
    "the one in": "the mission in", "the one for": "the mission for",
    # asking for it short says nothing about what is asked
    "in a sentence": "", "in one sentence": "", "in one line": "", "one line version of": "",
    "the one line version of": "", "one liner on": "", "a one liner on": "",
    "so basically": "", "hot take version": "", "the hot take version": "",
    "whole deal": "role",
    "i never heard of him": "", "never heard of him": "", "i never heard of her": "",
    "never heard of her": "", "never heard of it": "", "i ve never heard of": "",
    # a forgetful asker is not asking about forgetting: "the Darfur mission, I forget it"
    "i forget": "", "i forgot": "", "i can t remember": "", "i cant remember": "",
    "i don t remember": "", "i dont remember": "", "can t remember": "", "cant remember": "",
}


# "undersecretary", "undersecretery", "under-secratary": one title however it is run together
UNDER_SECRETARY = re.compile(r"\bunder ?secr?[ae]t[ae]r(?:y|ies)\b|\bundersec\w*")

# Question words and the shape of the answer they want.
WANTS_NUMBER = ("how many", "how much", "number of", "what percentage", "how large", "how big")
WANTS_DATE = ("when", "what year", "which year", "what date", "how long", "since when",
              "until when", "in what year")
WANTS_PERSON = ("who",)
WANTS_PLACE = ("where", "which country", "what country", "in which country")

# Titles that may stand before a surname without naming another person.
TITLES = frozenset("""
mr mrs ms dr sir mister monsieur madame usg sg under secretary general head chief
ambassador minister
""".split())

# Words people use for the same thing: each maps to the one word the matcher compares.
SYNONYMS: dict[str, str] = {
    **dict.fromkeys("start started starts begin began begun beginning founded found create "
                    "created creation establish established establishment formed launch "
                    "launched setup authorize authorizes authorized authorise authorises "
                    "authorised constituted instituted inaugurated made".split(), "establish"),
    **dict.fromkeys("end ended ends close closed closing finish finished terminate terminated "
                    "termination withdraw withdrew withdrawal shut over wound stop stopped "
                    "conclude concluded quit quits resign resigned resigns resignation retire "
                    "retired retirement leave leaves leaving depart departed "
                    "departure".split(), "end"),
    **dict.fromkeys("located location based operate operates operating country place "
                    "stationed".split(), "where"),
    **dict.fromkeys("head heads headed chief leader leaders boss run runs ran lead leads led "
                    "leading charge director".split(), "head"),
    **dict.fromkeys("tenure tenures term terms served serve serving dates years".split(),
                    "tenure"),
    **dict.fromkeys("appoint appoints appointed appointment pick picks picked choose chooses "
                    "chosen select selects selected selection nominate nominated "
                    "hire hires hired become became becomes".split(), "appoint"),
    **dict.fromkeys("abbreviation acronym stand stands meaning mean means "
                    "fullname".split(), "stand"),
    **dict.fromkeys("job role duty duties responsibility responsibilities function functions "
                    "task tasks".split(), "role"),
    **dict.fromkeys("purpose objective objectives goal goals aim aims point achieve "
                    "intended meant supposed trying try tries attempting".split(), "objective"),
    **dict.fromkeys("critic critics criticism criticisms criticize criticise critique "
                    "critiques critical accuse accused accuses accusation "
                    "accusations".split(), "critic"),
    **dict.fromkeys("cost costs expensive cheap price pricey money spending".split(), "cost"),
    **dict.fromkeys("accountable accountability answerable report reports".split(),
                    "accountable"),
    **dict.fromkeys("oversee oversees overseeing oversight supervise supervises supervision "
                    "manage manages managing management direct directs direction".split(),
                    "oversee"),
    **dict.fromkeys("replace replaced replacement successor successors succeed succeeded "
                    "predecessor predecessors preceded precede before previous prior after "
                    "next".split(), "succeed"),
    **dict.fromkeys("rename renamed renaming renames restructured restructuring reform "
                    "reformed reorganized reorganised".split(), "restructure"),
    **dict.fromkeys("office post position".split(), "office"),
    **dict.fromkeys("first original inaugural founding earliest".split(), "first"),
    **dict.fromkeys("mission missions operation operations".split(), "mission"),
    **dict.fromkeys("soldier soldiers troop troops military force forces army armies".split(),
                    "troops"),
    **dict.fromkeys("still active ongoing exist exists status open".split(), "status"),
    **dict.fromkeys("document documents article articles text texts material materials "
                    "reading readings passage source sources piece".split(), "document"),
    **dict.fromkeys("versus difference differences differ compare compared comparison "
                    "distinguish apart related relationship relationships "
                    "connection connected".split(), "difference"),

}

# Words that address the bot itself: chit-chat when nothing in the pack is named.
SECOND_PERSON = frozenset("you your yours yourself u ur".split())
# "will" asks about the future, which no fact holds.
FUTURE = re.compile(r"\b(?<!political )(?<!the )(?<!good )(will(?! i\b)(?! we\b)|gonna|"
                    r"going to(?! be posted)|next year|in the future|scheduled|planned to|"
                    r"lined up)\b")
# Pronouns that stand for something named earlier: the bot has no earlier to look at.
PRONOUNS = frozenset("it its he his him she her they them their this that".split())
# An answer that gives a reason says so; "why did UNAMID end?" is not answered by its dates.
CAUSE = re.compile(r"\b(because|since|so that|as a result|due to|in order to|to ensure|designed "
                   r"to|aims? to|meant to|reflects?|in response|at the request|requested|"
                   r"after (?:the|their|its)|reason|emerged from|arose from|grew out of|"
                   r"stem(?:s|med)? from|driven by|prompted)\b", re.IGNORECASE)
