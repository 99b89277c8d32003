"""Evidence boxes, data tables and self-checks: rendered from data, cited, and safe with markup in data."""

import pytest
import yaml

from mgcourse import content
from mgcourse.data import load_table


def test_every_claim_renders_with_its_level_and_citations():
    for row in load_table("claims").itertuples():
        box = content.evidence(row.id)
        bundle = box._repr_mimebundle_()
        assert f"mgc-level-{row.level}" in bundle["text/markdown"]
        keys = ",".join(k.strip() for k in row.sources.split(";"))
        assert "{footcite:p}`" + keys + "`" in bundle["text/markdown"]
        assert "{cite" not in bundle["text/html"]  # JupyterLab gets plain source keys


def test_markup_in_a_data_cell_is_shown_as_text(monkeypatch):
    import pandas as pd

    frame = pd.DataFrame(
        [
            {
                "id": "x",
                "chapter": 9,
                "article_claim": "<script>alert(1)</script>",
                "finding": "**bold** <img src=x onerror=alert(1)>",
                "level": "supported",
                "sources": "iom1997",
                "confidence": "L",
            }
        ]
    )
    monkeypatch.setattr(content, "load_table", lambda name: frame)
    bundle = content.evidence("x")._repr_mimebundle_()
    for rendering in (bundle["text/markdown"], bundle["text/html"]):
        assert "<script>" not in rendering and "<img" not in rendering
        assert "&lt;script&gt;" in rendering
    assert "<strong>bold</strong>" in bundle["text/html"]
    assert "L (unconfirmed)" in bundle["text/markdown"]


def test_table_lists_every_row_with_sources():
    tests = load_table("lab_tests")
    md = content.table("lab_tests")._repr_mimebundle_()["text/markdown"]
    assert md.count("\n| ") == len(tests) + 1  # header and one line per test
    assert "{footcite:p}`" in md


def test_self_check_every_option_has_feedback_and_one_is_right():
    html = content.self_check("09-measuring")._repr_mimebundle_()["text/html"]
    quiz = content.load_self_check("09-measuring")
    assert html.count('<fieldset class="mgc-question">') == len(quiz["questions"])
    assert html.count("mgc-right") - 1 == len(quiz["questions"])  # one in the style block
    assert html.count('type="radio"') == sum(len(q["options"]) for q in quiz["questions"])


@pytest.mark.parametrize(
    ("quiz", "message"),
    [
        ({"questions": []}, "no questions"),
        (
            {
                "questions": [
                    {
                        "prompt": "Q",
                        "options": [
                            {"text": "a", "correct": True, "feedback": "f"},
                            {"text": "b", "correct": True, "feedback": "f"},
                        ],
                    }
                ]
            },
            "exactly one option must be correct",
        ),
        (
            {
                "questions": [
                    {
                        "prompt": "Q",
                        "options": [{"text": "a", "correct": True, "feedback": "f"}, {"text": "b", "correct": False}],
                    }
                ]
            },
            "every option needs text and feedback",
        ),
    ],
)
def test_bad_self_check_file_is_refused(tmp_path, quiz, message):
    (tmp_path / "bad.yml").write_text(yaml.safe_dump(quiz))
    with pytest.raises(ValueError, match=message):
        content.load_self_check("bad", tmp_path)
