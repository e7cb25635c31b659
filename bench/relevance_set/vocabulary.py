"""The curated vocabulary the relevance set's prompts are written from (issue 17).

Written by hand for the evaluation, independently of the search's concept dictionary
(gallery/search/concepts.tsv): the set must measure that dictionary, not echo it.

Every entry is one concept: a key, the languages the generator writes it in (its *mode*),
its Korean and English forms. The mode is what lets the set tell the query classes apart:
``ko`` concepts appear only in Korean text, ``en`` ones only in English text, ``both`` in
either. A query's judgements come from the keys the generator put in each prompt, never
from the prompt's words (see generate.py).
"""

# The tables keep one entry a line.
# fmt: off

# Subjects: key, mode, Korean noun, English singular, English plural, colourable.
SUBJECTS = [
    ("cat", "both", "고양이", "cat", "cats", False),
    ("dog", "both", "강아지", "puppy", "puppies", False),
    ("fox", "en", "여우", "fox", "foxes", False),
    ("tiger", "ko", "호랑이", "tiger", "tigers", False),
    ("owl", "en", "부엉이", "owl", "owls", False),
    ("whale", "ko", "고래", "whale", "whales", False),
    ("rabbit", "ko", "토끼", "rabbit", "rabbits", True),
    ("deer", "en", "사슴", "deer", "deer", False),
    ("wolf", "en", "늑대", "wolf", "wolves", False),
    ("bear", "ko", "곰", "bear", "bears", False),
    ("horse", "both", "말", "horse", "horses", True),
    ("dragon", "both", "용", "dragon", "dragons", True),
    ("butterfly", "en", "나비", "butterfly", "butterflies", True),
    ("jellyfish", "en", "해파리", "jellyfish", "jellyfish", False),
    ("penguin", "ko", "펭귄", "penguin", "penguins", False),
    ("koi", "ko", "잉어", "koi fish", "koi fish", True),
    ("crane", "ko", "두루미", "crane bird", "crane birds", False),
    ("parrot", "en", "앵무새", "parrot", "parrots", True),
    ("girl", "both", "소녀", "girl", "girls", False),
    ("boy", "ko", "소년", "boy", "boys", False),
    ("old_man", "ko", "할아버지", "old man", "old men", False),
    ("grandmother", "ko", "할머니", "grandmother", "grandmothers", False),
    ("knight", "en", "기사", "knight", "knights", True),
    ("wizard", "en", "마법사", "wizard", "wizards", False),
    ("witch", "en", "마녀", "witch", "witches", False),
    ("samurai", "en", "사무라이", "samurai", "samurai", False),
    ("princess", "both", "공주", "princess", "princesses", False),
    ("robot", "both", "로봇", "robot", "robots", True),
    ("fairy", "ko", "요정", "fairy", "fairies", False),
    ("mermaid", "en", "인어", "mermaid", "mermaids", False),
    ("vampire", "en", "뱀파이어", "vampire", "vampires", False),
    ("ghost", "ko", "유령", "ghost", "ghosts", True),
    ("astronaut", "ko", "우주비행사", "astronaut", "astronauts", False),
    ("firefighter", "ko", "소방관", "firefighter", "firefighters", False),
    ("chef", "en", "요리사", "chef", "chefs", False),
    ("dancer", "ko", "무용수", "dancer", "dancers", False),
    ("soldier", "en", "군인", "soldier", "soldiers", False),
    ("sports_car", "both", "스포츠카", "sports car", "sports cars", True),
    ("motorcycle", "en", "오토바이", "motorcycle", "motorcycles", True),
    ("train", "ko", "기차", "train", "trains", True),
    ("spaceship", "ko", "우주선", "spaceship", "spaceships", True),
    ("submarine", "en", "잠수함", "submarine", "submarines", True),
    ("hot_air_balloon", "en", "열기구", "hot air balloon", "hot air balloons", True),
    ("sailboat", "ko", "돛단배", "sailboat", "sailboats", True),
    ("lighthouse", "both", "등대", "lighthouse", "lighthouses", True),
    ("castle", "en", "성", "castle", "castles", False),
    ("temple", "ko", "사찰", "temple", "temples", False),
    ("treehouse", "ko", "나무집", "treehouse", "treehouses", False),
    ("skyscraper", "ko", "고층빌딩", "skyscraper", "skyscrapers", False),
    ("snowman", "ko", "눈사람", "snowman", "snowmen", False),
    ("bouquet", "ko", "꽃다발", "bouquet", "bouquets", True),
    ("sunflower", "en", "해바라기", "sunflower", "sunflowers", False),
    ("rose", "en", "장미", "rose", "roses", True),
    ("cherry_tree", "ko", "벚나무", "cherry tree", "cherry trees", False),
    ("mushroom", "en", "버섯", "mushroom", "mushrooms", True),
    ("teacup", "ko", "찻잔", "teacup", "teacups", True),
    ("coffee", "both", "커피", "coffee", "coffees", False),
    ("cake", "en", "케이크", "cake", "cakes", True),
    ("ramen", "ko", "라면", "ramen", "ramen bowls", False),
    ("guitar", "en", "기타", "guitar", "guitars", True),
    ("umbrella", "ko", "우산", "umbrella", "umbrellas", True),
    ("crown", "en", "왕관", "crown", "crowns", True),
    ("sword", "en", "검", "sword", "swords", True),
    ("lantern", "ko", "등불", "lantern", "lanterns", True),
    ("hanbok", "ko", "한복", "hanbok", "hanboks", True),
    ("kimono", "en", "기모노", "kimono", "kimonos", True),
]

# What can do what: people and creatures do any action, vehicles only move, the other
# subjects (things, buildings, plants) none.
INANIMATE = {
    "sports_car",
    "motorcycle",
    "train",
    "spaceship",
    "submarine",
    "hot_air_balloon",
    "sailboat",
    "lighthouse",
    "castle",
    "temple",
    "treehouse",
    "skyscraper",
    "bouquet",
    "sunflower",
    "rose",
    "cherry_tree",
    "mushroom",
    "teacup",
    "coffee",
    "cake",
    "ramen",
    "guitar",
    "umbrella",
    "crown",
    "sword",
    "lantern",
    "hanbok",
    "kimono",
}
VEHICLE_ACTIONS = {
    "sports_car": ("run",),
    "motorcycle": ("run",),
    "train": ("run",),
    "spaceship": ("fly",),
    "hot_air_balloon": ("fly",),
    "submarine": ("swim",),
    "sailboat": ("swim",),
}

# Actions a subject does: key, mode, Korean adnominal (the form before a noun), Korean
# sentence ending, English -ing form, English third person.
ACTIONS = [
    ("run", "ko", "달리는", "달린다", "running", "runs"),
    ("doze", "ko", "졸고 있는", "졸고 있다", "dozing", "dozes"),
    ("sleep", "both", "잠든", "잠들어 있다", "sleeping", "sleeps"),
    ("read", "ko", "책을 읽는", "책을 읽는다", "reading a book", "reads a book"),
    ("dance", "en", "춤추는", "춤을 춘다", "dancing", "dances"),
    ("sing", "en", "노래하는", "노래한다", "singing", "sings"),
    ("fly", "both", "하늘을 나는", "하늘을 난다", "flying", "flies"),
    ("walk", "ko", "걷는", "걷고 있다", "walking", "walks"),
    ("swim", "en", "헤엄치는", "헤엄친다", "swimming", "swims"),
    ("smile", "ko", "웃고 있는", "웃고 있다", "smiling", "smiles"),
    ("cry", "ko", "울고 있는", "울고 있다", "crying", "cries"),
    ("sit", "both", "앉아 있는", "앉아 있다", "sitting", "sits"),
    ("fight", "en", "싸우는", "싸운다", "fighting", "fights"),
    ("play", "ko", "놀고 있는", "놀고 있다", "playing", "plays"),
    ("drink_tea", "ko", "차를 마시는", "차를 마신다", "drinking tea", "drinks tea"),
    ("paint", "en", "그림을 그리는", "그림을 그린다", "painting a canvas", "paints a canvas"),
    ("look_up", "ko", "하늘을 올려다보는", "하늘을 올려다본다", "looking up at the sky",
      "looks up at the sky"),
    ("jump", "en", "뛰어오르는", "뛰어오른다", "jumping", "jumps"),
]

# Settings: key, mode, Korean noun, English phrase in a prompt, English query form, plural.
PLACES = [
    ("window", "ko", "창가", "by the window", "window", "windows"),
    ("beach", "both", "해변", "on the beach", "beach", "beaches"),
    ("forest", "both", "숲", "in a forest", "forest", "forests"),
    ("moon", "ko", "달", "on the moon", "moon", "moons"),
    ("desert", "en", "사막", "in the desert", "desert", "deserts"),
    ("highway", "ko", "고속도로", "on a highway", "highway", "highways"),
    ("alley", "ko", "골목길", "in a narrow alley", "alley", "alleys"),
    ("library", "en", "도서관", "in an old library", "library", "libraries"),
    ("cafe", "both", "카페", "in a cozy cafe", "cafe", "cafes"),
    ("rooftop", "ko", "옥상", "on a rooftop", "rooftop", "rooftops"),
    ("lake", "en", "호수", "by a quiet lake", "lake", "lakes"),
    ("waterfall", "en", "폭포", "under a waterfall", "waterfall", "waterfalls"),
    ("snow_mountain", "ko", "설산", "on a snowy mountain", "snowy mountain", "snowy mountains"),
    ("wheat_field", "en", "밀밭", "in a wheat field", "wheat field", "wheat fields"),
    ("space_station", "ko", "우주정거장", "aboard a space station", "space station",
      "space stations"),
    ("subway", "ko", "지하철역", "in a subway station", "subway station", "subway stations"),
    ("market", "en", "시장", "in a busy market", "market", "markets"),
    ("palace", "ko", "궁궐", "in a royal palace", "palace", "palaces"),
    ("underwater", "en", "바닷속", "deep underwater", "underwater", "underwater"),
    ("garden", "both", "정원", "in a garden", "garden", "gardens"),
    ("bridge", "en", "다리 위", "on a bridge", "bridge", "bridges"),
    ("ruins", "en", "폐허", "among ancient ruins", "ruins", "ruins"),
    ("cherry_road", "ko", "벚꽃길", "on a cherry blossom road", "cherry blossom road",
      "cherry blossom roads"),
    ("seaside_village", "ko", "바닷가 마을", "in a seaside village", "seaside village",
      "seaside villages"),
]

# Art styles and media: key, mode, Korean, English.
STYLES = [
    ("watercolor", "both", "수채화", "watercolor"),
    ("oil_painting", "both", "유화", "oil painting"),
    ("ink_wash", "ko", "수묵화", "ink wash painting"),
    ("landscape_painting", "ko", "풍경화", "landscape painting"),
    ("portrait", "en", "초상화", "portrait"),
    ("pixel_art", "en", "픽셀 아트", "pixel art"),
    ("anime", "both", "애니메이션 스타일", "anime style"),
    ("photo", "en", "실사 사진", "photorealistic photo"),
    ("render_3d", "en", "3D 렌더링", "3d render"),
    ("concept_art", "en", "컨셉 아트", "concept art"),
    ("pencil_sketch", "ko", "연필 스케치", "pencil sketch"),
    ("ukiyoe", "en", "우키요에", "ukiyo-e"),
    ("minhwa", "ko", "민화", "minhwa folk painting"),
    ("pop_art", "en", "팝아트", "pop art"),
    ("stained_glass", "en", "스테인드글라스", "stained glass"),
    ("claymation", "en", "클레이 애니메이션", "claymation"),
    ("cyberpunk", "both", "사이버펑크", "cyberpunk"),
    ("steampunk", "en", "스팀펑크", "steampunk"),
    ("fantasy_illustration", "ko", "판타지 일러스트", "fantasy illustration"),
    ("children_book", "ko", "동화책 삽화", "children's book illustration"),
]

# Light, weather and time of day: key, mode, Korean, English.
LIGHTS = [
    ("sunset", "both", "노을", "sunset"),
    ("night_view", "ko", "야경", "city lights at night"),
    ("neon", "both", "네온 조명", "neon lighting"),
    ("golden_hour", "en", "황금빛 햇살", "golden hour"),
    ("moonlight", "ko", "달빛", "moonlight"),
    ("fog", "en", "짙은 안개", "thick fog"),
    ("rain", "ko", "비 오는 날", "rainy day"),
    ("snowfall", "en", "눈 내리는 풍경", "falling snow"),
    ("dawn", "ko", "새벽", "dawn"),
    ("starry_sky", "both", "별이 빛나는 밤하늘", "starry night sky"),
    ("backlight", "en", "역광", "backlit"),
    ("candlelight", "en", "촛불 조명", "candlelight"),
    ("autumn_leaves", "ko", "가을 단풍", "autumn leaves"),
    ("spring", "ko", "봄날", "springtime"),
]

# Colours a subject can have: key, mode, Korean adnominal, English.
COLOURS = [
    ("red", "ko", "빨간", "red"),
    ("blue", "ko", "파란", "blue"),
    ("white", "en", "하얀", "white"),
    ("black", "both", "검은", "black"),
    ("golden", "ko", "황금색", "golden"),
    ("green", "en", "초록색", "green"),
    ("purple", "ko", "보라색", "purple"),
    ("silver", "en", "은빛", "silver"),
]

# Quality tags as people append them; never queried (no key), never words of a concept.
QUALITY_EN = [
    "masterpiece",
    "best quality",
    "8k",
    "highly detailed",
    "sharp focus",
    "trending on artstation",
    "ultra detailed",
    "award winning",
    "hdr",
    "4k uhd",
    "intricate details",
    "cinematic composition",
]
QUALITY_KO = ["고화질", "초고해상도", "정교한 디테일", "섬세한 묘사", "걸작"]
NEGATIVE = [
    "blurry",
    "lowres",
    "bad anatomy",
    "extra fingers",
    "watermark",
    "jpeg artifacts",
    "worst quality",
    "deformed",
    "text",
]

# The other concepts an entry's words also name, by the language it is written in: the
# parts of Korean compounds (우주비행사: 우주, 비행사) and words inside phrases (하늘을 나는:
# 하늘). A prompt carries these keys too, so a query for a part judges the whole.
EXTRA_KEYS = {
    "astronaut": {"ko": ("space", "pilot")},
    "spaceship": {"ko": ("space",)},
    "space_station": {"ko": ("space",), "en": ("space",)},
    "treehouse": {"ko": ("tree",)},
    "cherry_tree": {"ko": ("tree",)},
    "skyscraper": {"ko": ("building",)},
    "bouquet": {"ko": ("flower",)},
    "cherry_road": {"ko": ("cherry_blossom", "flower"), "en": ("cherry_blossom",)},
    "subway": {"ko": ("subway_line",)},
    "landscape_painting": {"ko": ("landscape",), "en": ("landscape",)},
    "snowfall": {"ko": ("landscape",)},
    "underwater": {"ko": ("sea",)},
    "seaside_village": {"ko": ("sea", "village"), "en": ("village",)},
    "fly": {"ko": ("sky",)},
    "look_up": {"ko": ("sky",), "en": ("sky",)},
    "read": {"ko": ("book",), "en": ("book",)},
    "starry_sky": {"ko": ("sky", "star", "night"), "en": ("sky", "star", "night")},
    "night_view": {"ko": ("night",), "en": ("night", "city")},
    "rain": {"en": ("rainy",)},
    "moonlight": {"ko": ("moon",), "en": ("moon",)},
    "golden_hour": {"ko": ("golden",), "en": ("golden",)},
    "children_book": {"ko": ("fairy_tale",), "en": ("book",)},
}

# Models as the generators name them; the family is what a user types.
MODELS = [
    "sdxl-base-1.0",
    "sdxl-turbo",
    "flux-dev",
    "flux-schnell",
    "pingvas-v3",
    "sd-1.5",
    "playground-v2.5",
    "kandinsky-3",
]
MODEL_QUERIES = {  # query -> the models it names
    "flux": ["flux-dev", "flux-schnell"],
    "Flux": ["flux-dev", "flux-schnell"],
    "flux-dev": ["flux-dev"],
    "sdxl": ["sdxl-base-1.0", "sdxl-turbo"],
    "SDXL turbo": ["sdxl-turbo"],
    "pingvas": ["pingvas-v3"],
    "Pingvas V3": ["pingvas-v3"],
    "kandinsky": ["kandinsky-3"],
    "playground": ["playground-v2.5"],
    "sd-1.5": ["sd-1.5"],
}

# The user's own labels: words that are in no prompt.
TAGS = [
    "wallpaper",
    "portfolio",
    "client-work",
    "draft",
    "keeper",
    "배경화면",
    "포트폴리오",
    "시안",
    "인스타용",
    "프로필",
    "series-a",
    "reference",
]
# fmt: on
