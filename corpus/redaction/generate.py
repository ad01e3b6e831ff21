#!/usr/bin/env python3
"""Writes corpus/redaction/corpus.jsonl: the labelled redaction evaluation corpus.

Two sources, both written by hand:
  * handwritten.txt: whole enquiries with their personal data marked {{TYPE:value}};
  * TEMPLATES below: enquiry shapes per channel with slots ({full}, {phone}, ...) filled from the
    value lists below (names from many origins, Worcestershire streets and towns, identifiers in
    the forms residents write them).
Offsets are Unicode scalar (code point) offsets, end exclusive; Python str indices are code points,
and every span is checked against its value before the file is written.

  python3 corpus/redaction/generate.py                # corpus.jsonl (fixed seed)
  python3 corpus/redaction/generate.py --heldout      # heldout.jsonl: templates only, with the
                                                      # HELDOUT name list (never in corpus.jsonl)
The name lists here are the corpus's own; the Swift detector has no copy of them.
"""
import json
import random
import re
import unicodedata
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# ---------------------------------------------------------------- names (first, last) by origin
NAMES = {
    "english": [("Susan", "Whitehouse"), ("Gary", "Tolley"), ("Hannah", "Brookes"), ("Derek", "Pountney"),
                ("Chloe", "Hemming"), ("Ian", "Bayliss"), ("Pauline", "Crump"), ("Mark", "Griffiths-Hall"),
                ("Sophie", "Lloyd"), ("Trevor", "Bourne"), ("Jacqueline", "Mansell"), ("Oliver", "Preece")],
    "welsh_scottish": [("Gethin", "Llewellyn"), ("Carys", "Rhys-Jones"), ("Alasdair", "MacLeod"), ("Morag", "McIntyre"),
                       ("Iwan", "ap Dafydd"), ("Fiona", "Buchanan")],
    "irish": [("Siobhán", "Ní Dhomhnaill"), ("Pádraig", "O'Rourke"), ("Niamh", "McCarthy"), ("Eoin", "Ó Briain"),
              ("Gráinne", "Fitzpatrick"), ("Declan", "O'Shaughnessy"), ("Róisín", "Mac Cárthaigh"), ("Cathal", "Breathnach")],
    "polish": [("Agnieszka", "Wróblewska"), ("Krzysztof", "Dąbrowski"), ("Łukasz", "Szymański"), ("Zofia", "Grabowska"),
               ("Paweł", "Jankowski"), ("Bożena", "Kaczmarek"), ("Grzegorz", "Woźniak"), ("Joanna", "Pietrzak")],
    "romanian": [("Andreea", "Stănescu"), ("Mihai", "Dumitrescu"), ("Ionuț", "Bălan"), ("Cristina", "Țurcanu"),
                 ("Florin", "Georgescu"), ("Elena", "Moldoveanu")],
    "south_asian": [("Harpreet", "Kaur"), ("Mohammed", "Iqbal"), ("Sunita", "Patel"), ("Rajesh", "Srinivasan"),
                    ("Nazia", "Begum"), ("Imran", "Chaudhry"), ("Lakshmi", "Narayanan"), ("Gurdeep", "Singh Sandhu"),
                    ("Farzana", "Rahman"), ("Vikram", "Malhotra"), ("Shabana", "Akhtar"), ("Arun", "Pillai")],
    "portuguese": [("João", "Magalhães"), ("Inês", "Conceição"), ("Gonçalo", "Araújo"), ("Mariana", "da Silva"),
                   ("Rui", "Loureiro")],
    "turkish": [("Ayşe", "Yıldız"), ("Mustafa", "Çelik"), ("Zeynep", "Aydın"), ("Burak", "Öztürk"), ("Elif", "Doğan")],
    "nigerian": [("Chiamaka", "Okonkwo"), ("Babatunde", "Olawale"), ("Folake", "Adeyemi"), ("Emeka", "Nwachukwu"),
                 ("Temitope", "Ogunleye"), ("Uchenna", "Eze")],
    "chinese": [("Wang", "Fang"), ("Li", "Na"), ("Zhang", "Wei"), ("Chen", "Jing"), ("Liu", "Yang")],
    "arabic": [("Omar", "Al-Khatib"), ("Layla", "Haddad"), ("Youssef", "El-Amin"), ("Rania", "Abdel-Rahman"),
               ("Khalid", "bin Saeed")],
    "other": [("Kwabena", "Asante"), ("Hodan", "Warsame"), ("Nguyễn", "Thị Lan"), ("Oksana", "Kovalenko"),
              ("Giulia", "Rossi"), ("Dagny", "Løvås"), ("Aleksandr", "Volkov"), ("Tariq", "Mahmood"),
              ("Jurgita", "Kazlauskienė"), ("Kwame", "Boateng-Asante")],
}
# A separate list for --heldout only: none of these appear in corpus.jsonl.
HELDOUT = [("Bartholomew", "Quince"), ("Eilidh", "Ross"), ("Radosław", "Ostrowski"), ("Anca", "Vlădescu"),
           ("Parminder", "Dhillon"), ("Beatriz", "Carvalho"), ("Hüseyin", "Korkmaz"), ("Obinna", "Okeke"),
           ("Zhou", "Xin"), ("Samira", "Benali"), ("Tadhg", "Ó Floinn"), ("Yusuf", "Abdullahi"),
           ("Wiktoria", "Zając"), ("Anil", "Raghunathan"), ("Mercy", "Owusu-Ansah"), ("Fenella", "Vaughan-Pryce"),
           ("Dorota", "Lewandowska"), ("Haruto", "Sato"), ("Senthil", "Kumaran"), ("Agata", "Nowicka")]

TITLES_F = ["Mrs", "Ms", "Miss", "Dr"]
TITLES_M = ["Mr", "Dr", "Mr."]

STREETS = ["Vicarage Close", "Ombersley Road", "Laburnum Grove", "St Peter's Drive", "Hallow Road", "Windermere Way",
           "Bath Road", "Tibberton Crescent", "Foregate Street", "Larkspur Close", "Chestnut Walk", "Birmingham Road",
           "Meadow Rise", "Kings Court", "Tudor Way", "Bromyard Terrace", "Aconbury Close", "The Paddocks",
           "Church Lane", "Rectory Gardens", "Severn Mews", "Elgar Avenue", "Pump Street", "Station Approach"]
HOUSE_NAMES = ["Rose Cottage", "The Old Rectory", "Hawthorn House", "Orchard Barn", "Brook Farm", "Ivy Lodge"]
TOWNS = ["Worcester", "Droitwich", "Kidderminster", "Bromsgrove", "Redditch", "Malvern", "Evesham", "Pershore",
         "Bewdley", "Stourport-on-Severn", "Tenbury Wells", "Upton-upon-Severn", "Hagley", "Alvechurch", "Broadway"]
POSTCODES = ["WR1 2PJ", "WR2 6BQ", "WR3 7HN", "WR4 9FA", "WR5 1DL", "WR9 8EW", "WR11 3JX", "WR14 1HG", "DY10 1AT",
             "DY11 6RW", "DY12 2EA", "DY13 9LN", "B60 2NU", "B61 0HF", "B97 4SZ", "B98 9AW", "WR10 1BY", "WR15 8DP"]
PROBLEM_STREETS = ["Mill Lane", "Worcester Road", "the High Street", "Droitwich Road", "Leigh Sinton Road",
                   "Stourport Road", "Alcester Road", "the A449", "Hanley Road", "Church Street", "Bridge Street"]
PROBLEMS = ["a pothole", "a broken street light", "a blocked drain", "fly-tipped mattresses", "an overgrown hedge",
            "a fallen tree", "a damaged road sign", "graffiti on the bus shelter", "a flooded footpath"]
DOMAINS = ["example.com", "example.co.uk", "example.org", "example.net", "mail.example.uk"]
STAFF_ROLES = ["librarian", "registrar", "social worker", "bus driver", "occupational therapist", "advisor", "bin crew"]


def fold_ascii(s):
    s = s.lower().replace("ł", "l").replace("ı", "i").replace("ø", "o").replace("ß", "ss")
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if c.isascii() and c.isalnum())


def nhs_number(rng, valid=True):
    while True:
        d = [rng.randrange(10) for _ in range(9)]
        s = sum(v * (10 - i) for i, v in enumerate(d))
        c = 11 - s % 11
        c = 0 if c == 11 else c
        if c == 10:
            continue
        if not valid:
            c = (c + 1 + rng.randrange(8)) % 10
        return "".join(map(str, d + [c]))


def luhn_number(rng, prefix, length):
    while True:
        d = [int(x) for x in prefix] + [rng.randrange(10) for _ in range(length - len(prefix) - 1)]
        for check in range(10):
            digits = d + [check]
            total = 0
            for i, v in enumerate(reversed(digits)):
                if i % 2 == 1:
                    v *= 2
                    v = v - 9 if v > 9 else v
                total += v
            if total % 10 == 0:
                return "".join(map(str, digits))


class Values:
    """One enquiry's values, drawn lazily so that the same slot twice is the same value."""

    def __init__(self, rng, names):
        self.rng = rng
        origin = rng.choice(list(names))
        self.first, self.last = rng.choice(names[origin])
        o2 = rng.choice(list(names))
        self.first2, self.last2 = rng.choice(names[o2])
        o3 = rng.choice(list(names))
        self.staff = rng.choice(names[o3])[0]
        self.female = rng.random() < 0.5
        self.title = rng.choice(TITLES_F if self.female else TITLES_M)
        self.cache = {}

    def get(self, slot):
        if slot not in self.cache:
            self.cache[slot] = self.make(slot)
        return self.cache[slot]

    def make(self, slot):
        r = self.rng
        base = slot.rstrip("0123456789")
        if base == "full":
            return ("PERSON", f"{self.first} {self.last}")
        if base == "full2":
            return ("PERSON", f"{self.first2} {self.last2}")
        if base == "first":
            return ("PERSON", self.first)
        if base == "first2":
            return ("PERSON", self.first2)
        if base == "last":
            return ("PERSON", self.last)
        if base == "titled":
            return ("PERSON", f"{self.title} {self.last}")
        if base == "titledfull":
            return ("PERSON", f"{self.title} {self.first} {self.last}")
        if base == "initial":
            return ("PERSON", f"{self.first[0]}. {self.last}")
        if base == "staff":
            return ("PERSON", self.staff)
        if base == "address":
            house = r.random() < 0.8
            num = str(r.randrange(1, 220)) + (r.choice(["a", "b"]) if r.random() < 0.08 else "")
            if house:
                a = f"{num} {r.choice(STREETS)}"
                if r.random() < 0.15:
                    a = f"Flat {r.randrange(1, 30)}, " + a
            else:
                a = f"{r.choice(HOUSE_NAMES)}, {r.choice(STREETS)}"
            if r.random() < 0.85:
                a += ", " + r.choice(TOWNS) if r.random() < 0.7 else " " + r.choice(TOWNS)
            return ("ADDRESS", a)
        if base == "street":
            return (None, r.choice(PROBLEM_STREETS))
        if base == "problem":
            return (None, r.choice(PROBLEMS))
        if base == "town":
            return (None, r.choice(TOWNS))
        if base == "role":
            return (None, r.choice(STAFF_ROLES))
        if base == "num":
            return (None, str(r.randrange(1, 120)))
        if base == "ref":
            return (None, f"{r.choice(['SR', 'CRM', 'WCC'])}-{r.randrange(10000, 99999)}")
        if base == "postcode":
            p = r.choice(POSTCODES)
            form = r.random()
            if form < 0.15:
                p = p.replace(" ", "")
            elif form < 0.3:
                p = p.lower()
            return ("POSTCODE", p)
        if base == "outward":
            return ("POSTCODE", r.choice(POSTCODES).split()[0])
        if base == "phone":
            mobile = r.random() < 0.6
            if mobile:
                n = "07700 900" + f"{r.randrange(1000):03d}"
            else:
                area = r.choice(["01905 ", "01527 ", "01562 ", "01684 ", "01386 ", "0121 496 ", "01632 960"])
                rest = 11 - len(area.replace(" ", ""))
                n = area + f"{r.randrange(10 ** rest):0{rest}d}"
            return ("PHONE", phone_style(r, n))
        if base == "email":
            local = r.choice([f"{fold_ascii(self.first)}.{fold_ascii(self.last)}", f"{fold_ascii(self.first)[0]}{fold_ascii(self.last)}",
                              f"{fold_ascii(self.first)}{r.randrange(10, 99)}", f"{fold_ascii(self.last)}_{fold_ascii(self.first)[0]}"])
            return ("EMAIL", f"{local}@{r.choice(DOMAINS)}")
        if base == "dob":
            y, m, d = r.randrange(1930, 2012), r.randrange(1, 13), r.randrange(1, 29)
            months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                      "October", "November", "December"]
            suf = "th" if 11 <= d <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
            return ("DATE_OF_BIRTH", r.choice([f"{d:02d}/{m:02d}/{y}", f"{d}/{m}/{y}", f"{d}-{m}-{y % 100:02d}",
                                               f"{d}{suf} of {months[m - 1]} {y}", f"{d} {months[m - 1]} {y}",
                                               f"{months[m - 1]} {d}{suf}, {y}", f"{d}.{m}.{y}", f"{d} {months[m - 1][:3]} {y}"]))
        if base == "ni":
            letters = "ABCEGHJKLMNPRSTWXYZ"
            while True:
                p = r.choice(letters) + r.choice(letters.replace("O", ""))
                if p not in ("BG", "GB", "NK", "KN", "TN", "NT", "ZZ"):
                    break
            digits = f"{r.randrange(1000000):06d}"
            suffix = r.choice("ABCD")
            style = r.random()
            if style < 0.4:
                v = f"{p} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix}"
            elif style < 0.7:
                v = f"{p}{digits}{suffix}"
            elif style < 0.85:
                v = f"{p}{digits}{suffix}".lower()
            else:
                v = f"{p} {digits} {suffix}"
            return ("NI_NUMBER", v)
        if base == "nhs":
            n = nhs_number(r, valid=r.random() < 0.9)
            return ("NHS_NUMBER", r.choice([n, f"{n[:3]} {n[3:6]} {n[6:]}", f"{n[:3]}-{n[3:6]}-{n[6:]}"]))
        if base == "card":
            n = r.choice([luhn_number(r, "4", 16), luhn_number(r, "5", 16), luhn_number(r, "37", 15)])
            if len(n) == 16:
                return ("CARD_NUMBER", r.choice([n, " ".join(n[i:i + 4] for i in range(0, 16, 4)), "-".join(n[i:i + 4] for i in range(0, 16, 4))]))
            return ("CARD_NUMBER", r.choice([n, f"{n[:4]} {n[4:10]} {n[10:]}"]))
        if base == "passport":
            return ("PASSPORT", r.choice([f"{r.randrange(10**8, 10**9)}", f"{r.randrange(10**8, 10**9)}",
                                          f"{r.choice(['AB', 'P', 'XK'])}{r.randrange(10**6, 10**7)}"]))
        raise KeyError(slot)


def phone_style(r, n):
    digits = n.replace(" ", "")
    style = r.random()
    if style < 0.35:
        return n
    if style < 0.5:
        return digits
    if style < 0.6:
        return "+44 " + digits[1:5] + " " + digits[5:]
    if style < 0.7:
        return "+44 (0)" + digits[1:5] + " " + digits[5:]
    if style < 0.8:
        return "(" + digits[:5] + ") " + digits[5:]
    if style < 0.9:
        return digits[:5] + "-" + digits[5:8] + "-" + digits[8:]
    return "+44" + digits[1:]


# ---------------------------------------------------------------- templates, per channel
TEMPLATES = {
    "phone": [
        "Caller {titledfull} rang to report {problem} on {street}, {town}. Callback {phone}.",
        "Caller {full} rang about her council tax bill. Lives at {address} {postcode}.",
        "Agent: Good morning, Worcestershire County Council.\nCaller: Hi, it's {full} here, I'm ringing about my blue badge.\nAgent: Can I take your date of birth?\nCaller: It's {dob}.",
        "Agent: Can I take your name please?\nCaller: {full}.\nAgent: And a contact number?\nCaller: {phone}.",
        "Caller: my name's {full} and I live at {address}, the bins haven't been collected.",
        "Caller reports {problem} on {street} near the school. Did not leave a name.",
        "Summary: {titled} called regarding a care assessment for her mum, {full2}. NHS number {nhs}. Call back on {phone}.",
        "Caller: I'm ringing about my dad, {full2}, he's been discharged from hospital and needs help at home. His date of birth is {dob}.",
        "Caller {first} said the street light outside her house has been flickering for weeks. Address given as {address}, {postcode}.",
        "Agent: Who am I speaking to?\nCaller: This is {titledfull} speaking.\nAgent: How can I help?\nCaller: I want to complain about {problem} on {street}.",
        "Caller wants to thank {staff}, the {role}, for going above and beyond last week.",
        "Caller: hello, {first} here, I rang yesterday about {problem} on {street}, reference {ref}.",
        "Caller gave her National Insurance number as {ni} for the blue badge application. Postcode {postcode}.",
        "Agent: And your card number for the permit?\nCaller: {card}.\nAgent: Name on the card?\nCaller: {titledfull}.",
        "Caller: I'm worried about my neighbour {titled}, she's not been seen for days. She lives at {address}.",
        "Caller {titled} phoned about booking a citizenship ceremony. Passport number {passport}. Mobile {phone}.",
        "Caller: yeah it's {first} again, I've got {problem} outside my house, I'm in {outward}.",
        "Notes: spoke with {full} ({phone}), who says {problem} on {street} has been there since {num} days ago.",
        "Caller: Can I speak to {staff}? She was dealing with my mum's case. My mum is {titledfull}, date of birth {dob}.",
        "Caller reported {problem} on {street}, {town}. Wanted updates by email to {email}.",
    ],
    "email": [
        "Subject: {problem}\n\nHello,\n\nThere is {problem} on {street} in {town}. Please can someone look at it?\n\nThanks,\n{full}",
        "Subject: Blue badge\n\nDear Sir or Madam,\n\nMy blue badge has expired. My date of birth is {dob} and my NI number is {ni}.\n\nKind regards,\n{titledfull}\n{address}\n{postcode}",
        "From: {full} <{email}>\nSubject: Bin collection\n\nOur bins at {address} were missed again this week.\n\n{first}",
        "Subject: Compliment\n\nI'd like to thank {staff} at {town} library who helped my son with his homework.\n\nBest wishes,\n{full}",
        "Subject: Care for my mother\n\nMy mother {full2} (NHS number {nhs}) needs a care assessment. Please call me on {phone}.\n\nRegards\n{initial}",
        "Subject: FOI request\n\nUnder the Freedom of Information Act please tell me how many potholes on {street} were repaired in 2023.\n\nYours faithfully,\n{full}",
        "Subject: Re: {ref}\n\nDear {titled},\n\nThank you for your reply. My new address is {address}, {postcode} and my mobile is {phone}.\n\nSincerely,\n{first} {last}",
        "Subject: Payment\n\nThe online form failed, please take the payment from card {card} for the garden waste permit.\n\nThanks\n{full}",
        "Subject: School place\n\nHello,\n\nMy son {first2} was born on {dob} and we have just moved to {address}. How do we apply for a school place?\n\nMany thanks\n{full}",
        "Subject: Complaint\n\nI have now called four times about {problem} on {street}. Nobody has called me back on {phone}.\n\n{titledfull}",
        "Subject: Citizenship ceremony\n\nHello,\n\nI would like to book my ceremony. My passport number is {passport}.\n\nRegards,\n{full}\n{email}",
        "Subject: Thank you\n\nPlease pass on our thanks to {staff2}, the {role}, who was so kind to my father.\n\n{full}",
        "Hi,\n\nCan you tell me when the tip in {town} is open over Christmas?\n\nCheers\n{first}",
        "Subject: Subject access request\n\nI am making a subject access request. Name: {full}. Date of birth: {dob}. Address: {address}.\n\nThank you.",
    ],
    "webform": [
        "Name: {full}\nEmail: {email}\nPhone: {phone}\nMessage: There is {problem} on {street}.",
        "Full name: {full}\nAddress: {address}\nPostcode: {postcode}\nDetails: My bin was not collected this week.",
        "Name: {full}\nDate of birth: {dob}\nNational Insurance number: {ni}\nDetails: I want a copy of all the records you hold about me.",
        "First name: {first}\nSurname: {last}\nEmail: {email}\nEnquiry: How do I renew my bus pass?",
        "Name: {full}\nNHS number: {nhs}\nDetails: I need help with adaptations at home after a stroke.",
        "Details: {problem} on {street}, {town}. Been there for {num} days.",
        "Your name: {full}\nContact number: {phone}\nDetails: I want to thank {staff}, the {role}, for her help.",
        "Name: {titledfull}\nCard number: {card}\nDetails: Payment for a replacement blue badge.",
        "Name: {full}\nPassport number: {passport}\nDetails: Please rebook my citizenship ceremony.",
        "Name: {full}\nEmail: {email}\nDetails: Please tell me how much the council spent on consultants in 2022/23 (FOI).",
        "Customer name: {full}\nPhone: {phone}\nPostcode: {postcode}\nDetails: The footpath by {street} is flooded.",
        "Name: {full}\nDetails: I am worried about my neighbour {full2} who lives at {address}. She has not been seen for a week.",
    ],
    "bot": [
        "user: hi my name is {full} and i need a bus pass",
        "user: my bin wasnt collected\nbot: Sorry about that. What is your postcode?\nuser: {postcode}",
        "user: can someone call me back on {phone}",
        "user: is there {problem} reported on {street}",
        "user: my email is {email}",
        "user: i live at {address} and the street light is broken",
        "user: im {first} and i want to complain about {street}",
        "user: my dob is {dob} do i qualify for a bus pass",
        "user: hi its {first} here can u ring me on {phone}",
        "user: my nhs number is {nhs}",
        "user: my national insurance number is {ni}",
        "user: i live in {outward} where is my nearest tip",
        "user: this is {full} i emailed last week about {problem}",
        "user: when does the library in {town} open",
    ],
}

SLOT = re.compile(r"\{\{([A-Z_]+):([^}]*)\}\}|\{([a-z]+[0-9]*)\}")


def render(template, lookup, lower=False):
    """Fills marks and slots; returns (text, spans). Offsets are code points."""
    out = []
    spans = []
    pos = 0
    cursor = 0
    for m in SLOT.finditer(template):
        lit = template[cursor:m.start()]
        if lower:
            lit = lit.lower()
        out.append(lit)
        pos += len(lit)
        if m.group(1):
            typ, value = m.group(1), m.group(2)
        else:
            typ, value = lookup(m.group(3))
        if lower:
            value = value.lower()
        out.append(value)
        if typ:
            spans.append({"type": typ, "start": pos, "end": pos + len(value), "value": value})
        pos += len(value)
        cursor = m.end()
    lit = template[cursor:]
    out.append(lit.lower() if lower else lit)
    return "".join(out), spans


def read_handwritten():
    records = []
    channel = None
    lines = []
    for raw in (HERE / "handwritten.txt").read_text(encoding="utf-8").split("\n"):
        if raw.startswith("=== "):
            if channel:
                records.append((channel, "\n".join(lines).rstrip("\n")))
            channel, lines = raw[4:].strip(), []
        elif channel:
            lines.append(raw)
    if channel:
        records.append((channel, "\n".join(lines).rstrip("\n")))
    return records


def check(rec):
    text = rec["text"]
    assert "{{" not in text and "}}" not in text, rec["id"]
    last = -1
    for s in rec["pii"]:
        v = s.pop("value")
        assert text[s["start"]:s["end"]] == v, (rec["id"], s, v)
        assert s["start"] >= last, rec["id"]
        last = s["end"]
    # The same check through UTF-32: offsets are Unicode scalars.
    scalars = text.encode("utf-32-le")
    for s in rec["pii"]:
        assert scalars[4 * s["start"]:4 * s["end"]].decode("utf-32-le") == text[s["start"]:s["end"]]


def main():
    heldout = "--heldout" in sys.argv
    rng = random.Random(20240604 if not heldout else 7)
    records = []
    if not heldout:
        for n, (channel, body) in enumerate(read_handwritten(), 1):
            text, spans = render(body, lambda s: (_ for _ in ()).throw(KeyError(s)))
            records.append({"id": f"H{n:03d}", "channel": channel, "source": "handwritten", "text": text, "pii": spans})
    names = {"heldout": HELDOUT} if heldout else NAMES
    per_template = 3 if heldout else 12
    n = 0
    for channel, templates in TEMPLATES.items():
        for ti, template in enumerate(templates):
            for _ in range(per_template):
                n += 1
                values = Values(rng, names)
                text, spans = render(template, values.get, lower=(channel == "bot"))
                records.append({"id": f"{'Q' if heldout else 'T'}{n:04d}", "channel": channel,
                                "source": f"template:{channel}:{ti}", "text": text, "pii": spans})
    for rec in records:
        check(rec)
    out = HERE / ("heldout.jsonl" if heldout else "corpus.jsonl")
    with out.open("w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    by_channel = {}
    for r in records:
        by_channel[r["channel"]] = by_channel.get(r["channel"], 0) + 1
    by_type = {}
    for r in records:
        for s in r["pii"]:
            by_type[s["type"]] = by_type.get(s["type"], 0) + 1
    print(f"{out.name}: {len(records)} enquiries {by_channel}; entities {by_type}", file=sys.stderr)


if __name__ == "__main__":
    main()
