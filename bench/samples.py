"""Stand-ins for generated images of several styles, made with Pillow alone (no model and no
download is reachable here), and saved the way image generators save their PNGs.

What matters to compression is each style's statistics: a photographic render has a 1/f
spectrum and fine texture everywhere; an anime frame has flat fills and hard outlines; pixel
art has few colours in big square cells; a 3D render has smooth shading; line art is mostly
paper. Every style gets the light grain that diffusion models leave in their output.
"""

import io
import json
import random

from PIL import Image, ImageDraw, ImageFilter, ImageOps, PngImagePlugin

STYLES = ("painterly", "photographic", "anime", "pixel_art", "render_3d", "line_art")
# How the generators write PNGs: ComfyUI (zlib level 4, prompt + workflow JSON chunks) and
# AUTOMATIC1111 / diffusers (Pillow's default level 6, a "parameters" chunk).
ENCODERS = {"comfyui": 4, "a1111": 6}


def _grain(image: Image.Image, amount: float, seed: int) -> Image.Image:
    random.seed(seed)  # effect_noise draws from C rand(); keep runs comparable
    noise = Image.effect_noise(image.size, 24).convert("RGB")
    return Image.blend(image, noise, amount)


def painterly(size: int, rng: random.Random) -> Image.Image:
    """Smooth colour fields, soft blurred shapes."""
    base = Image.radial_gradient("L").resize((size, size))
    image = Image.merge("RGB", [base.point(lambda v, k=k: (v * k) % 256) for k in (1, 2, 3)])
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y, r = rng.randrange(size), rng.randrange(size), rng.randint(size // 30, size // 6)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in "rgb"))
    return image.filter(ImageFilter.GaussianBlur(size / 200))


def _octaves(size: int, finest: int) -> Image.Image:
    """Smooth noise summed over octaves, each half the size and 0.6x the weight of the one
    before: a 1/f-like spectrum, as photographs have."""
    field, cells, total = None, 4, 0.0
    weight = 1.0
    while cells <= finest:
        layer = Image.effect_noise((cells, cells), 64).resize((size, size), Image.BICUBIC)
        total += weight
        field = layer if field is None else Image.blend(field, layer, weight / total)
        cells, weight = cells * 2, weight * 0.6
    return ImageOps.autocontrast(field, cutoff=1)


def photographic(size: int, rng: random.Random) -> Image.Image:
    """A luminance field with detail at every scale, warmed and cooled by a coarse one."""
    light, warmth = _octaves(size, size // 2), _octaves(size, 16)
    red = Image.blend(light, warmth, 0.35)
    blue = Image.blend(light, ImageOps.invert(warmth), 0.35)
    return Image.merge("RGB", (red, light, blue)).rotate(rng.choice((0, 90, 180, 270)))


def anime(size: int, rng: random.Random) -> Image.Image:
    """A gradient sky, flat cel-shaded shapes with dark outlines, drawn at twice the size and
    reduced (anti-aliased edges)."""
    big = size * 2
    sky = Image.linear_gradient("L").resize((big, big))
    image = Image.merge("RGB", (sky.point(lambda v: 90 + v // 3), sky.point(lambda v: 150 +
                        v // 4), Image.new("L", (big, big), 235)))  # fmt: skip
    draw = ImageDraw.Draw(image)
    palette = [tuple(rng.randrange(60, 256) for _ in "rgb") for _ in range(8)]
    for _ in range(30):
        x, y, r = rng.randrange(big), rng.randrange(big), rng.randint(big // 20, big // 6)
        points = [(x + rng.randint(-r, r), y + rng.randint(-r, r)) for _ in range(5)]
        fill = rng.choice(palette)
        draw.polygon(points, fill=fill, outline=(30, 25, 40), width=max(2, big // 400))
        shade = tuple(int(c * 0.78) for c in fill)
        draw.polygon(points[:3], fill=shade)
    return image.resize((size, size), Image.LANCZOS)


def pixel_art(size: int, rng: random.Random) -> Image.Image:
    """16 colours in 64x64 cells, scaled up without smoothing."""
    cells = 64
    palette = [tuple(rng.randrange(256) for _ in "rgb") for _ in range(16)]
    small = Image.new("RGB", (cells, cells), palette[0])
    draw = ImageDraw.Draw(small)
    for _ in range(60):
        x, y = rng.randrange(cells), rng.randrange(cells)
        w, h = rng.randint(1, 12), rng.randint(1, 12)
        draw.rectangle((x, y, x + w, y + h), fill=rng.choice(palette))
    return small.resize((size, size), Image.NEAREST)


def render_3d(size: int, rng: random.Random) -> Image.Image:
    """Shaded spheres on a smooth floor gradient."""
    image = Image.linear_gradient("L").resize((size, size)).convert("RGB")
    image = Image.merge("RGB", [c.point(lambda v, k=k: 40 + v * k // 3) for k, c in
                                zip((1, 1, 2), image.split(), strict=True)])  # fmt: skip
    shading = Image.radial_gradient("L")
    for _ in range(12):
        r = rng.randint(size // 16, size // 5)
        x, y = rng.randrange(size - 2 * r), rng.randrange(size - 2 * r)
        colour = Image.new("RGB", (2 * r, 2 * r), tuple(rng.randrange(256) for _ in "rgb"))
        lit = Image.composite(colour, Image.new("RGB", (2 * r, 2 * r)),
                              shading.resize((2 * r, 2 * r)).point(lambda v: 255 - v))  # fmt: skip
        mask = Image.new("L", (2 * r, 2 * r))
        ImageDraw.Draw(mask).ellipse((0, 0, 2 * r - 1, 2 * r - 1), fill=255)
        image.paste(lit, (x, y), mask.filter(ImageFilter.GaussianBlur(1)))
    return image


def line_art(size: int, rng: random.Random) -> Image.Image:
    """Ink strokes on off-white paper, stored as RGB the way generators write it."""
    image = Image.new("RGB", (size * 2, size * 2), (246, 243, 236))
    draw = ImageDraw.Draw(image)
    for _ in range(45):
        points = [(rng.randrange(size * 2), rng.randrange(size * 2)) for _ in range(4)]
        draw.line(points, fill=(20, 20, 24), width=rng.randint(2, 6), joint="curve")
    return image.resize((size, size), Image.LANCZOS)


def styled(style: str, size: int, seed: int = 1) -> Image.Image:
    rng = random.Random(f"{style}-{size}-{seed}")
    return _grain(globals()[style](size, rng), 0.04, seed)


def generation_text(encoder: str, seed: int) -> PngImagePlugin.PngInfo:
    """The text chunks each generator writes (the prompt the gallery reads back)."""
    info = PngImagePlugin.PngInfo()
    prompt = "서울의 골목길에서 잠든 여우, 수채화, masterpiece, best quality"
    if encoder == "a1111":
        info.add_text("parameters", f"{prompt}\nNegative prompt: lowres, blurry\nSteps: 28, "
                      f"Sampler: DPM++ 2M Karras, CFG scale: 7, Seed: {seed}, Size: 1024x1024, "
                      "Model: sdxl_base_1.0")  # fmt: skip
    else:
        graph = {str(n): {"class_type": "KSampler", "inputs": {"seed": seed, "steps": 28,
                 "cfg": 7.0, "text": prompt}} for n in range(12)}  # fmt: skip
        info.add_text("prompt", json.dumps(graph, ensure_ascii=False))
        info.add_text("workflow", json.dumps({"nodes": list(graph.values()) * 4}))
    return info


def as_generated(image: Image.Image, encoder: str, seed: int = 1) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=ENCODERS[encoder], pnginfo=generation_text(encoder,
               seed))  # fmt: skip
    return out.getvalue()
