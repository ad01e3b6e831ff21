#!/usr/bin/env python3
"""Builds the Signpost classification corpus from the hand-written seeds.

    python3 corpus/classification/generate.py      # writes train.jsonl and test.jsonl beside this file

Deterministic (fixed seed, no clock). Every record comes from one hand-written seed in seeds-*.txt:
the complete seeds ("full"; "ywriters": enquiries by writers who saw only labels.md and its examples; "zspec":
the spec's own examples) are used as written (plus one light variant), the others are rendered in the four
channel styles (phone transcript or summary, email with subject/greeting/signature, sometimes forwarded,
web form with field labels, lower-case bot chat with typos). District seeds get a place, an address with
a postcode, a bare postcode, or nothing (district null). Labels are the seed's; the generator never
decides a label except district, from the place it inserts.

Split: every variant of a seed goes to the same file, chosen by SHA-1 of the seed id (1 in 5 to test),
so the test split holds enquiries the model never saw in any form.
"""
import hashlib
import json
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"ge": "general_enquiry", "sr": "service_request", "co": "complaint", "cp": "compliment", "foi": "foi_request",
         "eir": "eir_request", "dr": "data_rights_request", "sg": "safeguarding_concern"}
SERVICES = {"hw": "highways", "tr": "transport", "wd": "waste_disposal", "li": "libraries", "re": "registration",
            "asc": "adult_social_care", "cs": "childrens_services", "ed": "education", "ts": "trading_standards",
            "ph": "public_health", "cust": "customer_services", "ig": "information_governance", "dc": "district_council",
            "nhs": "nhs", "pol": "police"}
DISTRICTS = {"bro": "bromsgrove", "mal": "malvern_hills", "red": "redditch", "wor": "worcester_city", "wyc": "wychavon",
             "wyf": "wyre_forest"}
SPECIAL = {"h": "health", "e": "ethnicity", "r": "religion", "so": "sexual_orientation"}
SPECIAL_ORDER = ["health", "ethnicity", "religion", "sexual_orientation"]
# Seed files whose lines are complete enquiries with their channel (used as written, plus a light variant).
COMPLETE = {"full", "ywriters", "zspec"}
# Seed files kept exactly as their writers wrote them: no closing courtesy is added (they have their own).
AS_WRITTEN = {"ywriters", "zspec"}

# Places by district: (town, outward codes lying wholly in the district, streets).
PLACES = {
    "bromsgrove": [("Bromsgrove", ["B60", "B61"], ["Stratford Road", "Birmingham Road", "Hanover Street"]),
                   ("Catshill", ["B61"], ["Golden Cross Lane", "Meadow Road"]),
                   ("Wythall", ["B47"], ["Alcester Road", "Silver Street"]),
                   ("Alvechurch", ["B48"], ["Bear Hill", "Tanyard Lane"]),
                   ("Hagley", [], ["Worcester Road", "Park Road"]),
                   ("Rubery", [], ["New Road", "Callowbrook Lane"])],
    "malvern_hills": [("Malvern", ["WR14"], ["Church Street", "Pickersleigh Road", "Cowleigh Road"]),
                      ("Malvern Link", ["WR14"], ["Worcester Road", "Newtown Road"]),
                      ("Upton-upon-Severn", [], ["Old Street", "New Street"]),
                      ("Tenbury Wells", ["WR15"], ["Teme Street", "Market Street"]),
                      ("Martley", ["WR6"], ["Main Road"]),
                      ("Welland", ["WR13"], ["Drake Street"])],
    "redditch": [("Redditch", ["B97", "B98"], ["Evesham Road", "Unicorn Hill", "Plymouth Road"]),
                 ("Matchborough", ["B98"], ["Matchborough Way"]),
                 ("Batchley", ["B97"], ["Batchley Road"]),
                 ("Headless Cross", ["B97"], ["Birchfield Road"]),
                 ("Winyates", ["B98"], ["Winyates Way"])],
    "worcester_city": [("Worcester", ["WR1", "WR4"], ["London Road", "Bath Road", "Ombersley Road", "Tolladine Road"]),
                       ("Warndon", ["WR4"], ["Shap Drive", "Cranham Drive"]),
                       ("Barbourne", ["WR1"], ["Droitwich Road"]),
                       ("Ronkswood", [], ["Newtown Road"]),
                       ("St Johns, Worcester", [], ["Bransford Road", "Comer Road"])],
    "wychavon": [("Droitwich", ["WR9"], ["Vines Lane", "Worcester Road", "Salters Close"]),
                 ("Evesham", ["WR11"], ["Port Street", "Greenhill", "Cheltenham Road"]),
                 ("Pershore", ["WR10"], ["High Street", "Station Road"]),
                 ("Broadway", ["WR12"], ["Leamington Road"]),
                 ("Inkberrow", ["WR7"], ["Pepper Street"]),
                 ("Ombersley", ["WR9"], ["Main Road"])],
    "wyre_forest": [("Kidderminster", ["DY10", "DY11"], ["Comberton Hill", "Chester Road North", "Habberley Road"]),
                    ("Bewdley", ["DY12"], ["Load Street", "Kidderminster Road"]),
                    ("Stourport-on-Severn", ["DY13"], ["Lombard Street", "Minster Road"]),
                    ("Wolverley", ["DY11"], ["Castle Road"]),
                    ("Cookley", ["DY10"], ["Lea Lane"])],
}
# Outward codes that straddle districts or the county boundary: a bare code decides nothing.
AMBIGUOUS_CODES = ["WR2", "WR3", "WR5", "WR8", "B96", "GL20", "B45", "DY9"]

FIRST = ["Priya", "Owen", "Hannah", "Kwame", "Aleksandra", "Tom", "Sue", "Gareth", "Jas", "Ellie", "Mohammed", "Karen", "Dave",
         "Bernadette", "Lewis", "Fatima", "Graham", "Shona", "Piotr", "Amy", "Rob", "Jean", "Callum", "Nadia", "Terry", "Wendy"]
LAST = ["Shah", "Davies", "Clarke", "Mensah", "Nowak", "Hughes", "Price", "Jones", "Bains", "Walker", "Ali", "Turner", "Smith",
        "O'Neill", "Morris", "Begum", "Hall", "Reid", "Zielinski", "Cooper", "Evans", "Bishop", "Ward", "Iqbal", "Baker", "Lloyd"]
SUBJECTS = {
    "highways": ["Road problem", "Pothole", "Street light", "Footpath", "Drains", "Urgent - road"],
    "transport": ["Bus pass", "Blue badge", "Bus", "School transport", "Travel"],
    "waste_disposal": ["Tip", "Recycling centre", "HWRC", "Permit"],
    "libraries": ["Library", "Library card", "Books"],
    "registration": ["Registration", "Certificate", "Appointment"],
    "adult_social_care": ["Help for my mum", "Care", "Social care", "My dad"],
    "childrens_services": ["Family", "Children", "Support"],
    "education": ["School place", "Admissions", "School", "SEND"],
    "trading_standards": ["Trader", "Scam?", "Consumer problem"],
    "public_health": ["Health", "Question", "Services"],
    "customer_services": ["Contact", "Council", "Phone line"],
    "information_governance": ["Request", "Information request", "My data"],
    "district_council": ["Bins", "Council tax", "Rubbish", "Housing", "Noise", "Planning"],
    "nhs": ["Doctor", "Hospital", "Health"],
    "police": ["Crime", "Report", "Help"],
}
GENERIC_SUBJECTS = ["Enquiry", "Query", "Help please", "Hello", "(no subject)", "Question", "Please read", "Concern", "FAO the right team"]
GREETINGS = ["Hello,", "Hi,", "Dear Sir or Madam,", "Good morning,", "To whom it may concern,", "Hi there,", "Dear Council,", ""]
SIGNOFFS = ["Thanks,", "Kind regards,", "Regards,", "Many thanks,", "Best wishes,", "Yours faithfully,", "Cheers,", "Thank you,"]
AGENT_OPENERS = ["Agent: Worcestershire County Council, how can I help?", "Agent: Good morning, you're through to the council.",
                 "Agent: Hello, customer services, how can I help you today?", "Agent: Council, how can I help?",
                 "Advisor: Good afternoon, Worcestershire County Council, you're speaking to Mel."]
AGENT_CLOSERS = ["Agent: Okay, I'll pass that on to the right team.", "Agent: Can I take a contact number?\nCaller: It's 07700 900{n:03d}.",
                 "Agent: Thank you, I've logged that for you.", "Agent: Right, let me see who deals with that.", ""]
SUMMARY_PREFIXES = ["Caller said: ", "Caller rang to say ", "Resident called. ", "Call summary: ", ""]
BOT_OPENERS = ["", "bot: Hi, I'm the council's web assistant. What can I help with?\n", "user: hi\nbot: Hello! How can I help?\n"]
PADDING = [
    "Sorry to bother you with this.", "I've tried ringing but couldn't get through.", "I hope this is the right email address.",
    "I've lived here for twenty years and never had to contact you before.", "My neighbour suggested I contact you.",
    "I did try the website first but couldn't find the right form.", "I'm writing on my lunch break so apologies for typos.",
    "Please reply by email as I work shifts.", "I can be reached on the number below after 5pm.",
    "I'm sending this from my daughter's account.", "I hope you are all well.",
]
SHORTHAND = [("you", "u"), ("please", "pls"), ("your", "ur"), ("because", "cos"), ("when", "wen"), ("what", "wat"),
             ("someone", "some1"), ("thanks", "thx"), ("are", "r"), ("about", "abt")]


def parse(path):
    seeds = []
    name = os.path.basename(path)[len("seeds-"):-len(".txt")]
    for n, line in enumerate(open(path, encoding="utf-8")):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        head, text = line.split(" | ", 1)
        parts = head.split()
        channel = None
        if name in COMPLETE:
            channel, parts = parts[0], parts[1:]
        kind, service, district, special = parts
        seeds.append({
            "seed": f"{name}-{n + 1:03d}", "channel": channel, "kind": KINDS[kind], "service": SERVICES[service],
            "district": district, "special": [] if special == "-" else sorted((SPECIAL[s] for s in special.split(",")), key=SPECIAL_ORDER.index),
            "text": text.replace("\\n", "\n"),
        })
    return seeds


def typo(word, rng):
    if len(word) < 5 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.randrange(3)
    if op == 0:
        return word[:i] + word[i + 1:]
    if op == 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + word[i] + word[i:]


def botify(text, rng):
    t = text.lower().replace("\n", " ").replace("'", "").replace("\u2019", "")
    if rng.random() < 0.6:
        t = t.rstrip(".!")
        t = re.sub(r"\.\s+", " ", t) if rng.random() < 0.5 else t
    for full, short in SHORTHAND:
        if rng.random() < 0.5:
            t = re.sub(rf"\b{full}\b", short, t)
    words = t.split(" ")
    words = [typo(w, rng) if rng.random() < 0.08 else w for w in words]
    return " ".join(words)


def name(rng):
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def address(district, rng, with_postcode=True):
    town, codes, streets = rng.choice(PLACES[district])
    street = rng.choice(streets)
    number = rng.randrange(1, 120)
    if with_postcode and codes:
        code = rng.choice(codes)
        pc = f"{code} {rng.randrange(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        return f"{number} {street}, {town} {pc}", town, pc
    return f"{number} {street}, {town}", town, None


def location(rng):
    """A place phrase for {LOC} and the district label it implies."""
    r = rng.random()
    if r < 0.14:
        return "", None  # no place at all: district unknown, triage
    if r < 0.19:
        code = rng.choice(AMBIGUOUS_CODES)
        return f"(postcode {code} {rng.randrange(1, 9)}XX)", None  # a straddling code alone decides nothing
    district = rng.choice(sorted(PLACES))
    if r < 0.50:
        town = rng.choice(PLACES[district])[0]
        return rng.choice(["in {t}", "in {t}", "here in {t}", "near {t}", "round {t}"]).format(t=town), district
    if r < 0.85:
        addr, _, _ = address(district, rng)
        return rng.choice(["at {a}", "- {a}", "(address {a})"]).format(a=addr), district
    town, codes, _ = rng.choice([p for p in PLACES[district] if p[1]])
    code = rng.choice(codes)
    return f"(postcode {code} {rng.randrange(1, 9)}{rng.choice('ABDHJLNPQRTW')}{rng.choice('ABDHJLNPQRTW')})", district


def fill(text, loc):
    out = text.replace(" {LOC}", (" " + loc) if loc else "").replace("{LOC}", loc)
    return re.sub(r"\s+([.,?!])", r"\1", out).strip()


def render(seed, channel, core, rng, n):
    """Wraps a core enquiry text in a channel's style."""
    first_person = not core.lower().startswith("caller")
    if channel == "phone":
        if not first_person:
            return core
        if rng.random() < 0.45:
            return rng.choice(SUMMARY_PREFIXES) + core
        lines = [rng.choice(AGENT_OPENERS), "Caller: " + core]
        closer = rng.choice(AGENT_CLOSERS).format(n=n % 1000)
        if closer:
            lines.append(closer)
        return "\n".join(lines)
    if channel == "email":
        subject = rng.choice(SUBJECTS[seed["service"]] + GENERIC_SUBJECTS)
        greeting = rng.choice(GREETINGS)
        body = core
        if rng.random() < 0.3:
            body = rng.choice(PADDING) + " " + body
        if rng.random() < 0.25:
            body = body + "\n\n" + rng.choice(PADDING)
        who = name(rng)
        sig = f"{rng.choice(SIGNOFFS)}\n{who}"
        if rng.random() < 0.25:
            addr, _, _ = address(rng.choice(sorted(PLACES)), rng)
            if seed["service"] != "district_council":  # an address in a signature is not where district work is
                sig += "\n" + addr
        parts = [f"Subject: {subject}", ""] + ([greeting, ""] if greeting else []) + [body, "", sig]
        text = "\n".join(parts)
        if rng.random() < 0.12:
            fwd = name(rng)
            text = (f"Subject: Fw: {subject}\n\n{rng.choice(['Please see below.', 'Forwarding as requested.', 'Sent to the wrong address, passing on.', 'FYI'])}\n\n"
                    f"---------- Forwarded message ----------\nFrom: {fwd}\nDate: {rng.randrange(1, 28)} {rng.choice(['Jan', 'Mar', 'Jun', 'Sep', 'Nov'])} 2025\n"
                    + text)
        return text
    if channel == "webform":
        who = name(rng)
        fields = [f"Name: {who}"]
        if rng.random() < 0.6:
            fields.append(f"Email: {who.split()[0].lower()}.{who.split()[1].lower().replace(chr(39), '')}@example.com")
        if rng.random() < 0.3:
            fields.append(f"Phone: 07700 900{n % 1000:03d}")
        if rng.random() < 0.3 and seed["service"] != "district_council":
            addr, _, _ = address(rng.choice(sorted(PLACES)), rng)
            fields.append(f"Address: {addr}")
        label = rng.choice(["Message", "Details", "Your enquiry", "Description", "Comments", "How can we help?"])
        fields.append(f"{label}: {core}")
        return "\n".join(fields)
    if channel == "bot":
        return rng.choice(BOT_OPENERS) + "user: " + botify(core, rng)
    raise ValueError(channel)


def record(rid, channel, text, seed, district):
    return {"id": rid, "channel": channel, "text": text,
            "labels": {"kind": seed["kind"], "service": seed["service"],
                       "district": district if seed["service"] == "district_council" else None,
                       "special_category": seed["special"]}}


def variants(seed, rng):
    out = []
    if seed["channel"]:  # a full, hand-written enquiry
        district = DISTRICTS.get(seed["district"])
        out.append(record(f"{seed['seed']}-a", seed["channel"], seed["text"], seed, district))
        v = seed["text"]
        if seed["channel"] == "bot":
            # Typos in the resident's last turn; the turns before it stay as written.
            before, _, last = v.rpartition("user: ")
            v = before + "user: " + botify(last, rng)
        elif seed["channel"] == "email":
            v = re.sub(r"^Subject: [^\n]*", "Subject: " + rng.choice(GENERIC_SUBJECTS), v)
        elif seed["channel"] == "webform":
            v = re.sub(r"^Name: [^\n]*", "Name: " + name(rng), v)
        elif seed["channel"] == "phone" and not v.startswith("Agent"):
            v = rng.choice(["Call summary: ", "Caller rang. ", "Summary - "]) + v
        if v != seed["text"]:
            out.append(record(f"{seed['seed']}-b", seed["channel"], v, seed, district))
        return out
    channels = ["phone", "email", "webform", "bot"]
    rng.shuffle(channels)
    count = 6 if seed["district"] == "@" else 4
    for i in range(count):
        channel = channels[i % 4]
        if seed["district"] == "@":
            loc, district = location(rng)
            core = fill(seed["text"], loc)
        else:
            core, district = seed["text"], DISTRICTS.get(seed["district"])
        text = render(seed, channel, core, rng, hash_int(seed["seed"]) + i)
        out.append(record(f"{seed['seed']}-{'abcdefgh'[i]}", channel, text, seed, district))
    return out


# Closing courtesies, as a caller, a web form or a chat ends whatever it was about (added 2026-11-30). Written
# into training records only, by their own random stream, so the test split and every earlier rendering stay
# as they were: without them a closing "thank you" was seen almost only in compliments.
CALLER_CLOSINGS = ["Caller: Okay, thank you.", "Caller: Lovely, thanks, bye.", "Caller: No, that's all, thank you.",
                   "Caller: Oh good. Thanks.", "Caller: That's helpful, thank you.", "Caller: Right, thanks very much.",
                   "Caller: Thank you ever so much.", "Caller: Brilliant, thanks."]
CALLER_ASIDES = ["Caller: Yes, that's right.", "Caller: Hang on, let me find it.", "Caller: Okay.", "Caller: I hope I've come to the right place."]
WRITTEN_CLOSINGS = ["Thank you.", "Thanks very much.", "Many thanks for your help.", "Thank you so much.", "Lovely, thanks.",
                    "I'd be grateful for any help.", "Thanks in advance!"]
BOT_CLOSINGS = ["user: ok thanks", "user: thank u", "user: ta", "user: cheers", "user: thanks bye"]


def courtesies(rows):
    """Adds a closing courtesy to some training records of every kind but compliments."""
    rng = random.Random(20261130)
    for r in rows:
        if r["id"].split("-", 1)[0] in AS_WRITTEN:
            continue
        if r["labels"]["kind"] == "compliment" or rng.random() >= 0.35:
            continue
        text, channel = r["text"], r["channel"]
        if channel == "phone" and ("\nCaller: " in text or text.startswith(("Agent", "Advisor"))):
            if rng.random() < 0.3:
                text += "\n" + rng.choice(CALLER_ASIDES)
            text += "\n" + rng.choice(CALLER_CLOSINGS)
        elif channel == "bot":
            text += "\n" + rng.choice(BOT_CLOSINGS)
        elif channel == "webform":
            text += " " + rng.choice(WRITTEN_CLOSINGS)
        elif channel == "email":
            # Before the sign-off: the last blank line separates the body from it.
            head, sep, tail = text.rpartition("\n\n")
            if sep:
                text = head + " " + rng.choice(WRITTEN_CLOSINGS) + sep + tail
        r["text"] = text


def hash_int(s):
    return int(hashlib.sha1(s.encode()).hexdigest()[:8], 16)


def main():
    rng = random.Random(20251129)
    train, test = [], []
    for path in sorted(os.listdir(HERE)):
        if path.startswith("seeds-") and path.endswith(".txt"):
            for seed in parse(os.path.join(HERE, path)):
                target = test if hash_int(seed["seed"]) % 5 == 0 else train
                target.extend(variants(seed, rng))
    courtesies(train)
    for name_, rows in (("train.jsonl", train), ("test.jsonl", test)):
        with open(os.path.join(HERE, name_), "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"train {len(train)}  test {len(test)}")


if __name__ == "__main__":
    main()
