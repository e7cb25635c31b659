"""Writes the relevance set (issue 17): prompts.jsonl and queries.jsonl beside this file.

    .venv/bin/python bench/relevance_set/generate.py

Seeded: the same files every run (they are committed; CI reads them, never this script).
Each prompt is assembled from entries of vocabulary.py and records the concept keys it was
given, with a grade: 2 for its subject, 1 for everything else in it (setting, action,
colour, style, light, and the parts of a compound). A query names concept keys; its
judgements are the prompts holding them (see README.md), never a match on words.
"""

import json
import random
import re
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

import vocabulary as v

HERE = Path(__file__).resolve().parent
PROMPTS = 2400
SEED = 20261202
SIZES = [(512, 512), (768, 512), (512, 768), (1024, 1024), (1024, 576), (576, 1024),
         (832, 1216), (1216, 832)]  # fmt: skip
EPOCH = datetime(2026, 11, 1, tzinfo=UTC)


def has_batchim(word: str) -> bool:
    """Whether the last Hangul syllable ends in a consonant (which particle follows)."""
    last = word.rstrip()[-1]
    return "가" <= last <= "힣" and (ord(last) - ord("가")) % 28 != 0


def particle(word: str, kind: str) -> str:
    with_final, without = {"subject": ("이", "가"), "object": ("을", "를"),
                           "topic": ("은", "는"), "and": ("과", "와")}[kind]  # fmt: skip
    return word + (with_final if has_batchim(word) else without)


def article(phrase: str) -> str:
    return ("an " if phrase[0] in "aeiou" else "a ") + phrase


class Prompt:
    """One prompt being written: its text pieces and the keys they carry."""

    def __init__(self) -> None:
        self.keys: dict[str, int] = {}

    def carry(self, entry_key: str, grade: int, language: str) -> None:
        self.keys[entry_key] = max(self.keys.get(entry_key, 0), grade)
        for extra in v.EXTRA_KEYS.get(entry_key, {}).get(language, ()):
            self.keys[extra] = max(self.keys.get(extra, 0), 1)


def pick(rng: random.Random, entries: list[tuple], language: str) -> tuple:
    """An entry the generator may write in ``language`` (its mode allows it)."""
    return rng.choice([e for e in entries if e[1] in (language, "both")])


def write_prompt(rng: random.Random) -> tuple[str, str, dict[str, int]]:
    roll = rng.random()
    language = "ko" if roll < 0.4 else "en" if roll < 0.75 else "mixed"
    # in a mixed prompt the sentence is Korean and the style words English (or the reverse)
    korean_sentence = language == "ko" or (language == "mixed" and rng.random() < 0.75)
    core = "ko" if korean_sentence else "en"
    extras = {"ko": "ko", "en": "en"}.get(language, "en" if core == "ko" else "ko")
    p = Prompt()
    subject = pick(rng, v.SUBJECTS, core)
    place = pick(rng, v.PLACES, core)
    action = None
    if rng.random() < 0.7:
        allowed = v.ACTIONS
        if subject[0] in v.INANIMATE:
            allowed = [a for a in v.ACTIONS if a[0] in v.VEHICLE_ACTIONS.get(subject[0], ())]
        if any(a[1] in (core, "both") for a in allowed):
            action = pick(rng, allowed, core)
    colour = pick(rng, v.COLOURS, core) if subject[5] and rng.random() < 0.5 else None
    style = pick(rng, v.STYLES, extras)
    light = pick(rng, v.LIGHTS, extras) if rng.random() < 0.8 else None
    p.carry(subject[0], 2, core)
    p.carry(place[0], 1, core)
    for entry in (action, colour):
        if entry:
            p.carry(entry[0], 1, core)
    p.carry(style[0], 1, extras)
    if light:
        p.carry(light[0], 1, extras)

    style_text = style[2] if extras == "ko" else style[3]
    light_text = (light[2] if extras == "ko" else light[3]) if light else None
    if core == "ko":
        noun = (colour[2] + " " if colour else "") + subject[2]
        where = place[2]
        if action and rng.random() < 0.5:
            sentence = f"{particle(noun, 'subject')} {where}에서 {action[3]}"
        elif action:
            sentence = f"{where}에서 {action[2]} {noun}"
        else:
            drawn = f"{particle(noun, 'object')} 그린 그림, {where} 배경"
            sentence = rng.choice([f"{where}의 {noun}", f"{where}에 있는 {noun}", drawn])
    else:
        colour_text = colour[3] + " " if colour else ""
        doing = action[4] if action else ""
        if rng.random() < 0.25:
            count = rng.choice(["two", "three", "a group of", "many"])
            sentence = f"{count} {colour_text}{subject[4]} {doing} {place[3]}"
        elif action and rng.random() < 0.4:
            sentence = f"{article(colour_text + subject[3])} {action[5]} {place[3]}"
        else:
            sentence = f"{article(colour_text + subject[3])} {doing} {place[3]}"
        sentence = re.sub(r"\s+", " ", sentence).strip()
        if rng.random() < 0.3:
            sentence = sentence[0].upper() + sentence[1:]
    parts = [sentence]
    if rng.random() < 0.5:
        parts += [style_text, light_text]
    else:
        parts += [light_text, style_text]
    quality = v.QUALITY_EN if language != "ko" or rng.random() < 0.5 else v.QUALITY_KO
    parts += rng.sample(quality, rng.randint(1, 4))
    text = ", ".join(part for part in parts if part)
    if core == "ko" and style_text and rng.random() < 0.2:
        text = text.replace(style_text, f"{style_text} 느낌", 1)
    return language, text, p.keys


def write_prompts(rng: random.Random) -> list[dict]:
    prompts = []
    for n in range(PROMPTS):
        language, text, keys = write_prompt(rng)
        model = rng.choice(v.MODELS)
        tags = sorted(rng.sample(v.TAGS, rng.choice([0, 0, 1, 1, 1, 2, 3])))
        for tag in tags:
            keys[f"tag:{tag}"] = 2
        keys[f"model:{model}"] = 2
        width, height = rng.choice(SIZES)
        prompts.append({
            "id": f"p{n:04d}", "language": language, "prompt": text,
            "negative_prompt": ", ".join(rng.sample(v.NEGATIVE, 3)), "model": model,
            "tags": tags, "width": width, "height": height, "seed": rng.randrange(2**31),
            "created_at": (EPOCH + timedelta(minutes=n)).isoformat(), "concepts": keys,
        })  # fmt: skip
    return prompts


def by_key(entries: list[tuple]) -> dict[str, tuple]:
    return {e[0]: e for e in entries}


def query_specs(rng: random.Random, prompts: list[dict]) -> list[tuple[str, str, list]]:
    """(class, query text, key groups): a prompt is relevant when it holds a key of every
    group; its grade is the highest grade among the keys it matched."""
    subjects, places, actions = by_key(v.SUBJECTS), by_key(v.PLACES), by_key(v.ACTIONS)
    styles, lights, colours = by_key(v.STYLES), by_key(v.LIGHTS), by_key(v.COLOURS)
    kinds = ["subject", "object", "topic", "and"]
    specs: list[tuple[str, str, list]] = []

    def add(kind: str, text: str, *groups) -> None:
        specs.append((kind, text, [list(g) if isinstance(g, tuple | list) else [g]
                                   for g in groups]))  # fmt: skip

    # Inflected Korean: nouns with their particles, verbs and adjectives with endings.
    for key in ["tiger", "whale", "rabbit", "bear", "penguin", "boy", "old_man", "grandmother",
                "fairy", "ghost", "firefighter", "dancer", "train", "sailboat", "temple",
                "teacup", "ramen", "umbrella", "lantern", "hanbok", "koi", "crane"]:  # fmt: skip
        add("ko_inflected", particle(subjects[key][2], rng.choice(kinds)), key)
    for key in ["window", "highway", "alley", "rooftop", "palace", "moon"]:
        add("ko_inflected", places[key][2] + rng.choice(["에서", "에", "의"]), key)
    for key in ["run", "doze", "walk", "smile", "cry", "play", "drink_tea", "read"]:
        add("ko_inflected", actions[key][2], key)
        add("ko_inflected", actions[key][3], key)
    for key in ["red", "blue", "purple", "golden"]:
        add("ko_inflected", colours[key][2], key)
    add("ko_inflected", "스포츠카가 달린다", "sports_car", "run")  # both wanted

    # Compounds, whole and by their parts.
    for key, entries in [("astronaut", subjects), ("skyscraper", subjects),
                         ("snowman", subjects), ("bouquet", subjects), ("cherry_tree", subjects),
                         ("treehouse", subjects), ("spaceship", subjects),
                         ("space_station", places), ("subway", places), ("cherry_road", places),
                         ("highway", places), ("alley", places), ("landscape_painting", styles),
                         ("ink_wash", styles), ("firefighter", subjects),
                         ("sailboat", subjects)]:  # fmt: skip
        add("compound", entries[key][2], key)
    for key, text in [("space", "우주"), ("pilot", "비행사"), ("building", "빌딩"),
                      ("flower", "꽃"), ("tree", "나무"), ("cherry_blossom", "벚꽃"),
                      ("subway_line", "지하철"), ("landscape", "풍경"), ("fairy_tale", "동화"),
                      ("sea", "바다"), ("children_book", "동화책")]:  # fmt: skip
        add("compound", text, key)

    # Single short words, in the language their concept is written in.
    for key, text in [("bear", "곰"), ("moon", "달"), ("rabbit", "토끼"), ("whale", "고래"),
                      ("train", "기차"), ("umbrella", "우산"), ("window", "창가"),
                      ("rooftop", "옥상"), ("ramen", "라면"), ("ghost", "유령"),
                      ("fairy", "요정"), ("dawn", "새벽"), ("moonlight", "달빛"),
                      ("night_view", "야경"), ("minhwa", "민화"), ("tiger", "범"),
                      ("fox", "fox"), ("owl", "owl"), ("deer", "deer"), ("wolf", "wolf"),
                      ("cake", "cake"), ("sword", "sword"), ("crown", "crown"),
                      ("lake", "lake"), ("castle", "castle"), ("witch", "witch"),
                      ("fog", "fog"), ("chef", "chef"), ("ruins", "ruins"),
                      ("market", "market")]:  # fmt: skip
        add("short", text, key)

    # English plurals and other forms than the prompts used.
    for key in ["fox", "owl", "wolf", "butterfly", "knight", "wizard", "witch", "mermaid",
                "vampire", "chef", "soldier", "motorcycle", "submarine", "sword", "crown",
                "mushroom", "sunflower", "rose", "cake", "guitar", "kimono"]:  # fmt: skip
        add("en_plural", subjects[key][4] if rng.random() < 0.7 else subjects[key][3].upper(), key)
    for key in ["library", "lake", "waterfall", "market", "desert", "bridge"]:
        add("en_plural", places[key][5], key)
    for key, text in [
        ("dance", "dances"),
        ("swim", "swims"),
        ("sing", "sing"),
        ("fight", "fights"),
        ("jump", "jumped"),
        ("paint", "painted canvas"),
    ]:
        add("en_plural", text, key)

    # Bilingual: a Korean query for what is written in English, and the reverse.
    for key in ["fox", "owl", "deer", "wolf", "butterfly", "jellyfish", "parrot", "knight",
                "wizard", "witch", "mermaid", "motorcycle", "submarine", "hot_air_balloon",
                "sunflower", "mushroom", "kimono", "cat", "dog", "lighthouse",
                "coffee"]:  # fmt: skip
        add("bilingual_ko_en", subjects[key][2], key)
    for key in ["desert", "library", "lake", "waterfall", "beach"]:
        add("bilingual_ko_en", places[key][2], key)
    for key in ["portrait", "pixel_art", "oil_painting", "steampunk"]:
        add("bilingual_ko_en", styles[key][2], key)
    for key in ["sunset", "fog", "golden_hour"]:
        add("bilingual_ko_en", lights[key][2], key)
    for key in ["tiger", "whale", "rabbit", "bear", "penguin", "boy", "grandmother", "fairy",
                "ghost", "astronaut", "firefighter", "train", "spaceship", "temple",
                "skyscraper", "snowman", "teacup", "ramen", "umbrella", "lantern", "hanbok",
                "cat", "dog", "robot"]:  # fmt: skip
        add("bilingual_en_ko", subjects[key][3], key)
    for key in ["highway", "alley", "rooftop", "palace", "moon"]:
        add("bilingual_en_ko", places[key][4], key)
    for key in ["ink_wash", "landscape_painting", "watercolor"]:
        add("bilingual_en_ko", styles[key][3], key)
    for key in ["night_view", "dawn", "autumn_leaves", "moonlight"]:
        add("bilingual_en_ko", lights[key][3], key)
    add("bilingual_en_ko", "night city", "night_view")

    # Mixed: a Korean word and an English one, both wanted (the pairs that occur together).
    together = Counter()
    for p in prompts:
        held = p["concepts"]
        for s in v.SUBJECTS:
            for st in v.STYLES:
                if s[0] in held and st[0] in held:
                    together[s[0], st[0]] += 1
    pairs = [(s, st) for (s, st), n in sorted(together.items()) if n >= 3
             and subjects[s][1] != "en" and styles[st][1] != "ko"]  # fmt: skip
    for s, st in rng.sample(pairs, 20):
        add("mixed", f"{subjects[s][2]} {styles[st][3]}", s, st)
    reverse = [(s, st) for (s, st), n in sorted(together.items()) if n >= 3
               and subjects[s][1] != "ko" and styles[st][1] != "en"]  # fmt: skip
    for s, st in rng.sample(reverse, 8):
        add("mixed", f"{subjects[s][3]} {styles[st][2]}", s, st)

    for tag in v.TAGS:
        add("tag", tag, f"tag:{tag}")
    for text, models in v.MODEL_QUERIES.items():
        add("model", text, [f"model:{m}" for m in models])
    return specs


def judge(prompts: list[dict], groups: list[list[str]]) -> dict[str, int]:
    judged = {}
    for p in prompts:
        held = p["concepts"]
        if all(any(k in held for k in group) for group in groups):
            judged[p["id"]] = max(held[k] for group in groups for k in group if k in held)
    return judged


def check_words(prompts: list[dict], queries: list[dict]) -> None:
    """No prompt judged irrelevant holds an English query's words: a miss in the vocabulary's
    keys would otherwise count against the search."""
    for q in queries:
        if not re.fullmatch(r"[A-Za-z' -]+", q["q"]) or q["class"] in ("tag", "model"):
            continue
        pattern = re.compile(r"\b" + re.escape(q["q"].lower()) + r"\b")
        wrong = [
            p["prompt"]
            for p in prompts
            if p["id"] not in q["judgements"] and pattern.search(p["prompt"].lower())
        ]
        assert not wrong, f"{q['q']!r} is in prompts judged 0: {wrong[:3]}"


def main() -> None:
    rng = random.Random(SEED)
    prompts = write_prompts(rng)
    queries = []
    for n, (kind, text, groups) in enumerate(query_specs(rng, prompts)):
        judged = judge(prompts, groups)
        assert judged, f"no relevant prompt for {text!r}"
        queries.append({"id": f"q{n:03d}", "class": kind, "q": text, "concepts": groups,
                        "judgements": judged})  # fmt: skip
    check_words(prompts, queries)
    with open(HERE / "prompts.jsonl", "w", encoding="utf-8") as out:
        for p in prompts:
            out.write(json.dumps(p, ensure_ascii=False) + "\n")
    with open(HERE / "queries.jsonl", "w", encoding="utf-8") as out:
        for q in queries:
            out.write(json.dumps(q, ensure_ascii=False) + "\n")
    sizes = defaultdict(list)
    for q in queries:
        sizes[q["class"]].append(len(q["judgements"]))
    print(
        f"{len(prompts)} prompts ({Counter(p['language'] for p in prompts)}), "
        f"{len(queries)} queries"
    )
    for kind, counts in sizes.items():
        print(f"  {kind:16} {len(counts):3} queries, relevant {min(counts)}–{max(counts)}")


if __name__ == "__main__":
    main()
