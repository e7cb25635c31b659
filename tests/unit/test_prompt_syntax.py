"""Prompt syntax as A1111 and ComfyUI read it: search indexes the words, compare their
weights."""

import pytest

from gallery.generation.prompts import Network, parse


@pytest.mark.parametrize(
    ("prompt", "words"),
    [
        ("(best quality:1.2)", [("best", 1.2), ("quality", 1.2)]),
        ("((red hair))", [("red", 1.21), ("hair", 1.21)]),
        ("[blurry]", [("blurry", 0.9091)]),
        ("[[blurry]]", [("blurry", 0.8264)]),
        ("((a) b:0.5)", [("a", 0.55), ("b", 0.5)]),
        (r"a \(cat\) here", [("a", 1.0), ("cat", 1.0), ("here", 1.0)]),
        ("(unclosed wins", [("unclosed", 1.1), ("wins", 1.1)]),
        ("stray ) and ] stay text", [("stray", 1.0), ("and", 1.0), ("stay", 1.0),
                                     ("text", 1.0)]),
        ("[cat:dog:0.5] on a [red|blue] car", [("cat", 1.0), ("dog", 1.0), ("on", 1.0),
                                               ("a", 1.0), ("red", 1.0), ("blue", 1.0),
                                               ("car", 1.0)]),
        ("한복을 입은 (소녀:1.3)", [("한복을", 1.0), ("입은", 1.0), ("소녀", 1.3)]),
    ],
)  # fmt: skip
def test_weights_follow_a1111s_attention_rules(prompt, words):
    assert parse(prompt).words() == words


def test_networks_embeddings_and_separators_leave_the_text():
    parsed = parse(
        "masterpiece, <lora:add_detail:0.8>, 1girl BREAK smile AND sunset "
        "<lyco:style_x:0.5:0.3> <hypernet:sketch:1> embedding:EasyNegative <lora:bare>"
    )
    assert parsed.text == "masterpiece, 1girl, smile, sunset EasyNegative"
    assert parsed.networks == (
        Network("lora", "add_detail", 0.8),
        Network("lora", "style_x", 0.5),
        Network("hypernet", "sketch", 1.0),
        Network("lora", "bare", 1.0),
    )
    assert parsed.embeddings == ("EasyNegative",)


def test_an_escaped_bracket_is_a_literal_and_no_group():
    parsed = parse(r"\(masterpiece\), (detailed:1.4)")
    assert parsed.text == "(masterpiece), detailed"
    assert parsed.words() == [("masterpiece", 1.0), ("detailed", 1.4)]


def test_empty_and_syntax_only_prompts():
    assert parse("").text == "" and parse(None).words() == []
    assert parse("(((:1.5)))").words() == []


@pytest.mark.parametrize("hostile", ["(" * 20_000 + "x", "(a:1.1)" * 3_000, "[a|" * 5_000])
def test_deep_or_long_syntax_is_read_in_linear_time(hostile):
    """A weight known only when its bracket closes made a naive parser multiply every piece
    inside again at each close: quadratic (minutes for these). A regression here shows as a
    test that hangs; timings are not asserted."""
    assert parse(hostile).pieces
