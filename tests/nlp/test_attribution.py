"""Attribution: claims with speaker, cue, content, medium and role.

Unit tests run the attribution stage alone on the English model's parse
(``base_nlp``) so that other stages cannot break them; the end-to-end test
reads the full pipeline's report of the example article.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.nlp.attribution import AttributionRecognizer, quotation_spans, sentence_segments
from sitrep.nlp.extensions import register_extensions
from sitrep.types import Claim, Document, Span

Attribute = Callable[..., list[Claim]]


@pytest.fixture(scope="module")
def attribute(base_nlp: Any) -> Attribute:
    """Parse ``text`` with the English model and run attribution alone."""
    register_extensions()
    recognizer = AttributionRecognizer()

    def run(text: str, byline_span: Span | None = None) -> list[Claim]:
        doc = base_nlp(text)
        doc._.sitrep_document = Document(id="t", text=text, byline_span=byline_span)
        claims = recognizer.find_claims(doc)
        for claim in claims:
            # Every span is an exact slice of the text.
            assert text[claim.content.start : claim.content.end] == claim.content.text
            if claim.source is not None:
                assert text[claim.source.start : claim.source.end] == claim.source.text
        return claims

    return run


def _titled(base_nlp: Any, text: str, title: str) -> list[Claim]:
    register_extensions()
    doc = base_nlp(text)
    doc._.sitrep_document = Document(id="t", text=text, title=title)
    return AttributionRecognizer().find_claims(doc)


def _by_cue(claims: list[Claim], cue: str) -> Claim:
    found = [c for c in claims if c.cue is not None and c.cue.text.lower() == cue.lower()]
    assert found, f"no claim with cue {cue!r} in {[c.cue for c in claims]}"
    return found[0]


# text, cue, type, speaker, kind, content must contain, medium
POSITIVE = [
    (
        "The army said in a statement that it had destroyed the base.",
        "said",
        "indirect",
        "army",
        "organisation",
        "it had destroyed the base",
        None,
    ),
    (
        "According to the Syrian Observatory for Human Rights, 20 fighters were killed.",
        "According to",
        "according_to",
        "Syrian Observatory for Human Rights",
        "organisation",
        "20 fighters were killed",
        None,
    ),
    (
        "Twenty fighters were killed in the clashes, according to local activists.",
        "according to",
        "according_to",
        "local activists",
        "unnamed",
        "Twenty fighters were killed in the clashes",
        None,
    ),
    (
        '"We will not withdraw from the city," the commander said.',
        "said",
        "direct",
        "commander",
        "unnamed",
        "We will not withdraw from the city",
        None,
    ),
    (
        "Ukrainian President Volodymyr Zelensky told Reuters that Russian troops shelled the port.",
        "told",
        "indirect",
        "Volodymyr Zelensky",
        "person",
        "Russian troops shelled the port",
        "Reuters",
    ),
    (
        "Military sources reported that the rebels withdrew from the town.",
        "reported",
        "indirect",
        "Military sources",
        "unnamed",
        "the rebels withdrew from the town",
        None,
    ),
    (
        "The spokesman pointed out that the convoy had been attacked near the border.",
        "pointed out",
        "indirect",
        "spokesman",
        "unnamed",
        "the convoy had been attacked near the border",
        None,
    ),
    (
        "Army spokesman Nabil Abdallah said in an interview with Al Arabiya that the militia "
        "had taken the airport.",
        "said",
        "indirect",
        "Nabil Abdallah",
        "person",
        "the militia had taken the airport",
        "Al Arabiya",
    ),
    (
        "Colonel Ivan Petrov: the enemy withdrew its last troops from the town",
        ":",
        "direct",
        "Ivan Petrov",
        "person",
        "the enemy withdrew its last troops from the town",
        None,
    ),
    (
        'The minister stressed that the ceasefire would hold, calling it a "historic step" '
        "for the region.",
        "stressed",
        "mixed",
        "minister",
        "unnamed",
        "the ceasefire would hold",
        None,
    ),
    (
        "Around 200 evacuees were blocked at a checkpoint, one of them told AFP by telephone.",
        "told",
        "indirect",
        "one of them",
        "unnamed",
        "Around 200 evacuees were blocked at a checkpoint",
        "AFP",
    ),
    (
        "A Defense Ministry statement said government forces repelled an attack on the dam.",
        "said",
        "indirect",
        "Defense Ministry",
        "organisation",
        "government forces repelled an attack on the dam",
        None,
    ),
    (
        "Since then the UN has estimated that half of the population has fled.",
        "estimated",
        "indirect",
        "UN",
        "organisation",
        "half of the population has fled",
        None,
    ),
    (
        "Both women said they would never have left their homes.",
        "said",
        "indirect",
        "women",
        "unnamed",
        "they would never have left their homes",
        None,
    ),
    (
        # A date glued to the name when a comma is lost is not part of it.
        "Early Sunday Ahmad Saleh said the strikes hit a hospital.",
        "said",
        "indirect",
        "Ahmad Saleh",
        "person",
        "the strikes hit a hospital",
        None,
    ),
    (
        # Without punctuation (as in scraped corpora): attribution after the clause.
        "At least 29 rebels were killed in clashes with regime troops overnight a monitor "
        "said Sunday.",
        "said",
        "indirect",
        "monitor",
        "unnamed",
        "At least 29 rebels were killed in clashes",
        None,
    ),
    (
        # Inverted speaker with an age, no punctuation: the content is before the verb.
        "We had to leave we were scared said Samira Haddad 55 asking not to be identified.",
        "said",
        "indirect",
        "Samira Haddad",
        "person",
        "We had to leave",
        None,
    ),
    (
        "SANA reported that the army had recaptured the village.",
        "reported",
        "indirect",
        "SANA",
        "outlet",
        "the army had recaptured the village",
        None,
    ),
    (
        # Punctuation lost: the speaker is the phrase right before the verb, and a
        # capitalised "The" after it starts the next sentence, not the content.
        "Three fighters were killed in the raid including a commander the Sudanese Armed "
        "Forces said The army later shelled the market.",
        "said",
        "indirect",
        "Sudanese Armed Forces",
        "organisation",
        "Three fighters were killed in the raid including a commander",
        None,
    ),
    (
        # "According to X" with its comma lost: the source stops where the clause starts.
        "According to a medical source in the city the shelling killed four people.",
        "According to",
        "according_to",
        "medical source",
        "unnamed",
        "the shelling killed four people",
        None,
    ),
    (
        # The addressee of "told" is the medium, never the speaker.
        "Four children died in the strike on the camp local sources told Reuters.",
        "told",
        "indirect",
        "local sources",
        "unnamed",
        "Four children died in the strike on the camp",
        "Reuters",
    ),
    (
        "The government denied using cluster munitions in the offensive.",
        "denied",
        "indirect",
        "government",
        "organisation",
        "using cluster munitions",
        None,
    ),
    (
        # Several sentences inside one quotation before the cue are all the speaker's.
        '"The hospital is full. We have no more fuel" said Amal Nour, a doctor in the city.',
        "said",
        "direct",
        "Amal Nour",
        "person",
        "The hospital is full. We have no more fuel",
        None,
    ),
    (
        # A headline crediting its source after a colon.
        "Drone strike kills five in the port city: officials",
        ":",
        "direct",
        "officials",
        "unnamed",
        "Drone strike kills five in the port city",
        None,
    ),
    (
        # Machine-translated Arabic reporting verbs.
        "The source pointed out that three other people were injured in the shelling.",
        "pointed out",
        "indirect",
        "source",
        "unnamed",
        "three other people were injured in the shelling",
        None,
    ),
    (
        "The spokesman stressed that the brigade had not withdrawn from its positions.",
        "stressed",
        "indirect",
        "spokesman",
        "unnamed",
        "the brigade had not withdrawn from its positions",
        None,
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "cue", "speaker", "content"),
    [
        # A reporting idiom: a cue only with such an object.
        ("Local police put the death toll at 16.", "put", "Local police", "the death toll at 16"),
        # A participle whose comma was lost still speaks for the clause's subject.
        (
            "The UN has called for pauses for the aid deliveries warning that civilians are "
            "at grave risk.",
            "warning",
            "UN",
            "civilians are at grave risk",
        ),
        # Nesting: the outlet's claim and the quoted source's own, same content.
        (
            "Reuters quoted local officials as saying that the dam had been hit twice.",
            "as saying",
            "local officials",
            "the dam had been hit twice",
        ),
    ],
)
def test_attribution_idioms_participles_and_quoted_sources(
    attribute: Attribute, text: str, cue: str, speaker: str, content: str
) -> None:
    claim = _by_cue(attribute(text), cue)
    assert claim.speaker == speaker
    assert claim.content.text == content


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The strike on the market claimed the lives of 30 people.",
        "The workers put the boxes at the door.",
    ],
)
def test_attribution_idiom_without_report_makes_no_claim(attribute: Attribute, text: str) -> None:
    assert attribute(text) == []


# text, cue, content must contain: hearsay with no source keeps its source empty.
UNSOURCED = [
    ("Heavy fighting was reported near the airport on Tuesday.", "was reported", "Heavy fighting"),
    ("Ten soldiers were reportedly killed near the river crossing.", "reportedly", "Ten soldiers"),
    (
        "The UN is investigating reports that 40 civilians were killed in a village.",
        "reports",
        "40 civilians were killed in a village",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "cue", "content"), UNSOURCED)
def test_attribution_unsourced_claim_keeps_no_speaker(
    attribute: Attribute, text: str, cue: str, content: str
) -> None:
    claim = _by_cue(attribute(text), cue)
    assert claim.type == "unattributed"
    assert claim.source is None and claim.speaker is None
    assert content in claim.content.text


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "first_cue", "first", "second_cue", "second"),
    [
        (
            "The ministry said two drones were shot down over the capital adding that debris "
            "damaged a school.",
            "said",
            "two drones were shot down over the capital",
            "adding",
            "debris damaged a school",
        ),
        (
            "The army confirmed the strike on the port but said it had hit a weapons depot.",
            "confirmed",
            "the strike on the port",
            "said",
            "it had hit a weapons depot",
        ),
    ],
)
def test_attribution_second_cue_of_same_speaker_splits_content(
    attribute: Attribute, text: str, first_cue: str, first: str, second_cue: str, second: str
) -> None:
    claims = attribute(text)
    one, two = _by_cue(claims, first_cue), _by_cue(claims, second_cue)
    assert one.content.text == first
    assert two.content.text == second
    assert one.speaker == two.speaker is not None


@pytest.mark.model
def test_attribution_quoted_sentence_continues_speaker(attribute: Attribute) -> None:
    claims = attribute('A witness said "We ran to the shelter." "Then the second missile hit."')
    said = _by_cue(claims, "said")
    assert said.content.text == "We ran to the shelter"
    following = [c for c in claims if c.type == "continuation"]
    assert [c.content.text for c in following] == ["Then the second missile hit"]
    assert following[0].speaker == said.speaker == "witness"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "cue", "kind", "speaker", "speaker_kind", "content", "medium"), POSITIVE
)
def test_attribution_finds_claim(
    attribute: Attribute,
    text: str,
    cue: str,
    kind: str,
    speaker: str,
    speaker_kind: str,
    content: str,
    medium: str | None,
) -> None:
    claim = _by_cue(attribute(text), cue)
    assert claim.type == kind
    assert claim.speaker == speaker
    assert claim.speaker_kind == speaker_kind
    assert content in claim.content.text
    assert claim.medium == medium
    assert claim.evidence is not None and claim.evidence.rule.startswith("attribution.")
    assert 0.0 < claim.confidence < 1.0


NEGATIVE = [
    "The so-called Islamic State attacked the town, as said above.",
    "Kharkiv said Russia attacked.",
    '"Soft power" is the name of this policy in the city.',
    "Clashes resumed in the city on Monday, killing three people.",
    "The said agreement was signed in the capital.",
    "Footage showed that the bridge had collapsed.",
    "No group claimed responsibility for the attack.",
    "Raqqa is the capital of the caliphate declared a year ago by the group in the territories.",
    "We have lost everything. she said.",
    # Negated or impersonal: nobody asserts anything.
    "It is not known which side fired the missile.",
    "The army did not say whether the bridge was destroyed.",
    # A capitalised "Said" after a name is a surname (a byline), not a cue.
    "Reporting by Lina Haddad/ Omar Said",
    # A relative clause describes its antecedent; it reports nothing here.
    "The Observatory which reports on the war from Britain has a network of sources.",
    # A title-case headline with a date: "Continues" is no reporting verb here.
    "Friday 12 May 2023 Fighting Continues",
    # "adding to the toll" is no report.
    "The blast destroyed the bakery adding to the number of victims.",
]


@pytest.mark.model
@pytest.mark.parametrize("text", NEGATIVE)
def test_attribution_invents_no_speaker(attribute: Attribute, text: str) -> None:
    claims = attribute(text)
    assert claims == [], [(c.speaker, c.cue) for c in claims]


@pytest.mark.model
def test_attribution_place_is_never_a_speaker(attribute: Attribute) -> None:
    text = "Aleppo said that the road was closed. Mariupol reported that the port was shelled."
    assert all(c.speaker not in ("Aleppo", "Mariupol") for c in attribute(text))


@pytest.mark.model
def test_attribution_nested_claims_innermost_inside(attribute: Attribute) -> None:
    claims = attribute("SANA reported that a monitor said the army shelled the village.")
    outer = _by_cue(claims, "reported")
    inner = _by_cue(claims, "said")
    assert outer.speaker == "SANA" and outer.speaker_kind == "outlet"
    assert inner.speaker == "monitor" and inner.speaker_kind == "unnamed"
    assert outer.content.contains(inner.content)
    assert "the army shelled the village" in inner.content.text


@pytest.mark.model
def test_attribution_pronoun_resolves_to_last_speaker(attribute: Attribute) -> None:
    text = (
        "Major General Ivan Petrov, commander of the western group, said the brigade had "
        "withdrawn. He added that the bridge was destroyed."
    )
    claims = attribute(text)
    first, second = _by_cue(claims, "said"), _by_cue(claims, "added")
    assert first.speaker == second.speaker == "Ivan Petrov"
    assert second.source is not None and second.source.text == "He"
    assert first.speaker_role is not None and "commander of the western group" in (
        first.speaker_role
    )


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Vladimir Putin said the troops would stay. Putin added that talks had failed.", None),
        (
            "Crown Prince Mohammed bin Salman said the war would end. Bin Salman stressed "
            "that the talks would go on.",
            None,
        ),
    ],
)
def test_attribution_merges_name_variants(
    attribute: Attribute, text: str, speaker: str | None
) -> None:
    claims = [c for c in attribute(text) if c.speaker_kind == "person"]
    assert len(claims) == 2
    assert claims[0].speaker == claims[1].speaker
    assert claims[0].source is not None and claims[1].source is not None
    assert claims[0].source.text != claims[1].source.text


@pytest.mark.model
def test_attribution_office_words_go_to_role(attribute: Attribute) -> None:
    claim = _by_cue(
        attribute("Russian Foreign Minister Sergei Lavrov said the talks failed."), "said"
    )
    assert claim.speaker == "Sergei Lavrov"
    assert claim.speaker_role == "Russian Foreign Minister"


@pytest.mark.model
def test_attribution_statement_refers_back(attribute: Attribute) -> None:
    text = (
        "A Defense Ministry statement said government forces repelled an attack on the dam. "
        "At least 20 militants were killed in the failed attack said the statement."
    )
    claims = attribute(text)
    assert len(claims) == 2
    assert {c.speaker for c in claims} == {"Defense Ministry"}
    assert claims[1].source is not None and claims[1].source.text == "the statement"


@pytest.mark.model
def test_attribution_fragment_reports_previous_sentence(attribute: Attribute) -> None:
    text = (
        "Maria Lopez said the town fell. We have lost everything and we have nowhere to go. "
        "she said."
    )
    claims = attribute(text)
    assert len(claims) == 2
    assert claims[1].speaker == "Maria Lopez"
    assert claims[1].content.text.startswith("We have lost everything")


@pytest.mark.model
def test_attribution_bare_role_resolves_to_person(attribute: Attribute) -> None:
    text = (
        "The spokesman for the Free Army, Colonel Ahmad Saleh, says that the front is calm.\n\n"
        "According to the spokesman, the enemy lost ten tanks."
    )
    claims = attribute(text)
    named = _by_cue(claims, "says")
    by_role = _by_cue(claims, "According to")
    assert named.speaker == by_role.speaker == "Ahmad Saleh"
    assert named.speaker_role is not None
    assert "spokesman for the Free Army" in named.speaker_role
    assert "Colonel" in named.speaker_role


@pytest.mark.model
def test_attribution_anaphoric_sources_and_outlet_modifier(attribute: Attribute) -> None:
    text = (
        "Al Arabiya private military sources reported that the militia shelled the market.\n\n"
        "According to the same sources, the shelling lasted two hours."
    )
    claims = attribute(text)
    first, second = _by_cue(claims, "reported"), _by_cue(claims, "According to")
    assert first.speaker == "military sources" and first.speaker_kind == "unnamed"
    assert first.medium == "Al Arabiya"
    assert first.speaker_role == "private military sources"
    assert second.speaker == first.speaker and second.medium == first.medium


@pytest.mark.model
def test_attribution_byline_is_never_a_source(attribute: Attribute) -> None:
    text = (
        "Maria Kovalenko-Kharkiv\n\n\nShelling hit the city overnight, officials said.\n\n"
        "She said that the attack lasted hours."
    )
    claims = attribute(text)
    assert all(c.speaker is None or "Kovalenko" not in c.speaker for c in claims)
    assert all(c.source is None or c.source.start > len("Maria Kovalenko-Kharkiv") for c in claims)


@pytest.mark.model
def test_attribution_document_byline_span_excluded(attribute: Attribute) -> None:
    text = "By John Carter. John Carter said the convoy was attacked near the border."
    span = Span(0, 14, text[0:14])
    claims = attribute(text, byline_span=span)
    assert all(c.source is None or not c.source.overlaps(span) for c in claims)


@pytest.mark.model
def test_attribution_continuation_in_paragraph(attribute: Attribute) -> None:
    text = (
        "Headline of the day\n\n"
        "The commander, General Omar Haddad, said that the army took the hill. "
        "Two tanks were destroyed in the assault.\n\n"
        "Fighting continued elsewhere."
    )
    claims = attribute(text)
    follow = [c for c in claims if c.type == "continuation"]
    assert len(follow) == 1
    assert "Two tanks were destroyed" in follow[0].content.text
    assert follow[0].speaker == "Omar Haddad" and follow[0].cue is None
    assert not any("Fighting continued" in c.content.text for c in claims)


@pytest.mark.model
def test_attribution_ids_in_text_order(attribute: Attribute) -> None:
    text = "The army said the town fell. The rebels said they still held it."
    claims = attribute(text)
    assert [c.id for c in claims] == [f"c{i}" for i in range(1, len(claims) + 1)]
    assert [c.content.start for c in claims] == sorted(c.content.start for c in claims)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        'The commander said "the town fell. And then "nothing happened',
        '"""""" said "" he',
        "“Unclosed quote said the minister that the army withdrew.",
        'He said: "' + "the army advanced again and again, " * 80 + '"',
        '"' + "we will fight on and never leave " * 300 + '"',
        'The commander said "the town fell. Then "the army left" he added "and',
        "He said \"they shouted 'surrender' and «left» the “post\" on Monday.",
        '"Peace now" was written on the wall. ""',
        "said said said. According to, . according to",
        "",
        "\n\n\n",
    ],
)
def test_attribution_bad_input_no_crash(attribute: Attribute, text: str) -> None:
    claims = attribute(text)
    assert all(c.speaker is None or c.speaker.strip() for c in claims)


@given(
    st.lists(
        st.sampled_from(
            [
                "the army said",
                "according to sources,",
                '"',
                "“",
                "”",
                "he added that",
                "troops withdrew.",
                "\n",
                "Captain Ali Hassan:",
                "the town",
                ",",
                "Reuters reported",
            ]
        ),
        max_size=20,
    )
)
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@pytest.mark.model
def test_attribution_random_input_spans_valid(attribute: Attribute, words: list[str]) -> None:
    attribute(" ".join(words))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we left" and "we came back".', [(8, 17), (22, 36)]),
        ("“Quoted” text", [(0, 8)]),
        ('An "unclosed quote here', []),
        ('one "line\nother" line', []),
    ],
)
def test_attribution_quotation_spans(text: str, expected: list[tuple[int, int]]) -> None:
    marks = {'"': '"', "“": "”"}
    assert quotation_spans(text, marks) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an opener inside an open quotation is only text; its own closer too
        ("«a “b» c”", [(0, 6)]),
        # a single straight quote is an apostrophe, never an opener
        ("the 'rebels' said «yes»", [(18, 23)]),
        # a mark of several characters never matches one character
        ("<<a>> «b»", [(6, 9)]),
        ("", []),
        ("«a\n»", []),
    ],
)
def test_attribution_quotation_spans_other_marks(
    text: str, expected: list[tuple[int, int]]
) -> None:
    marks = {"«": "»", "“": "”", "'": "'", "<<": ">>"}
    assert quotation_spans(text, marks) == expected


def _quotation_spans_by_line(text: str, marks: dict[str, str]) -> list[tuple[int, int]]:
    """The rule of :func:`quotation_spans` read character by character, line by line."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        open_at: int | None = None
        expected = ""
        for i, char in enumerate(line):
            if open_at is None:
                if char in marks and char != "'":
                    open_at, expected = i, marks[char]
            elif char == expected:
                spans.append((offset + open_at, offset + i + 1))
                open_at = None
        offset += len(line) + 1
    return spans


@given(st.text(alphabet="\"“”«»‘’'\n ab", max_size=40))
def test_attribution_quotation_spans_match_a_character_walk(text: str) -> None:
    marks = {'"': '"', "“": "”", "«": "»", "„": "“", "‘": "’"}
    assert quotation_spans(text, marks) == _quotation_spans_by_line(text, marks)


@pytest.mark.model
def test_attribution_segments_split_lines_and_keep_titles(base_nlp: Any) -> None:
    doc = base_nlp("Heading\nCapt. John Smith believes that the town fell.")
    texts = [doc[s.start : s.end].text for s in sentence_segments(doc)]
    assert texts[0] == "Heading"
    assert any(t.startswith("Capt. John Smith believes") for t in texts)


@pytest.mark.model
def test_attribution_example_article(example_report: Any, example_text: str) -> None:
    """Speakers merged, roles found, unnamed sources kept, the byline never a source."""
    claims = example_report.claims
    assert claims, "no claims in the example article"
    people: dict[str, set[str]] = {}
    for claim in claims:
        if claim.speaker_kind == "person" and claim.source is not None:
            people.setdefault(claim.speaker, set()).add(claim.source.text)
    # Two named speakers, each quoted under several name forms.
    assert len(people) == 2, people
    assert all(len(forms) >= 3 for forms in people.values()), people
    roles = {c.speaker: c.speaker_role for c in claims if c.speaker in people}
    assert all(role for role in roles.values()), roles
    assert any("leader" in (r or "") for r in roles.values())
    assert any("spokesman" in (r or "") for r in roles.values())
    assert any(
        c.speaker_kind == "unnamed" and (c.speaker or "").endswith("sources") for c in claims
    )
    first_line = example_text.lstrip().split("\n", 1)[0]
    byline_end = example_text.index(first_line) + len(first_line)
    byline_first_word = first_line.split()[0]
    for claim in claims:
        assert claim.source is None or claim.source.start >= byline_end
        assert byline_first_word not in (claim.speaker or "")
    # Facts in reported clauses are covered: most claims have content of some length.
    assert sum(1 for c in claims if len(c.content.text) > 40) >= len(claims) // 2


@pytest.mark.model
def test_attribution_continuation_stops_at_a_sentence_with_its_own_source(nlp) -> None:  # type: ignore[no-untyped-def]
    from sitrep.types import Document

    text = (
        "Army strikes hit the north\n\n"
        "The army said its aircraft struck positions east of the city. "
        "The militia denied losing any men and accused the army of bombing homes.\n\n"
        "Aid groups called for calm."
    )
    doc = nlp.make_doc(text)
    doc._.sitrep_document = Document(id="t", text=text)
    doc = nlp(doc)
    denial = text.index("The militia denied")
    for claim in doc._.sitrep_claims:
        if claim.content.start <= denial < claim.content.end:
            assert claim.speaker != "army", claim


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        '"' + "we will fight on and never leave " * 300 + '"',
        '"Peace now" was written on the wall.',
        'Then "the army left the city. And "nobody came back.',
        "\"They said 'the war is over' but it was not.\"",
    ],
)
def test_attribution_quotation_without_speaker_makes_no_claim(
    attribute: Attribute, text: str
) -> None:
    assert attribute(text) == []


@pytest.mark.model
def test_attribution_repeated_title_is_not_content(base_nlp: Any) -> None:
    title = "Strike kills five in northern town Monitor"
    text = f"Friday 12 May 2023 {title} At least five people died in the strike a monitor said."
    claim = _by_cue(_titled(base_nlp, text, title), "said")
    assert claim.content.text == "At least five people died in the strike"


@pytest.mark.model
def test_attribution_segments_break_at_given_offsets(base_nlp: Any) -> None:
    text = "Strike kills five Monitor At least five people died."
    doc = base_nlp(text)
    pieces = [doc[s.start : s.end].text for s in sentence_segments(doc, breaks=[25])]
    assert pieces[0] == "Strike kills five Monitor"
    assert pieces[1].startswith("At least five")


@given(st.text(alphabet=st.sampled_from(list("ab \"“”«»'\n.")), max_size=80))
def test_attribution_quotation_spans_well_formed(text: str) -> None:
    marks = {'"': '"', "“": "”", "«": "»"}
    spans = quotation_spans(text, marks)
    for index, (start, end) in enumerate(spans):
        assert 0 <= start < end <= len(text)
        assert text[start] in marks and text[end - 1] == marks[text[start]]
        assert "\n" not in text[start:end]  # never across a line
        assert index == 0 or spans[index - 1][1] <= start  # no overlap


# text, cue, speaker, speaker_role (None: no role)
HYPHENATED_AND_TITLED = [
    # A hyphenated prefix stays with its modifier.
    (
        "The Saudi-led coalition said it had intercepted two drones.",
        "said",
        "Saudi-led coalition",
        None,
    ),
    ("The Iran-backed militia said it had shelled the town.", "said", "Iran-backed militia", None),
    ("The Britain-based monitor says it counted 20 raids.", "says", "Britain-based monitor", None),
    # A role before a name the tagger labels ORG is still a person's role.
    (
        "A missile strike killed 12 people, regional governor Oleh Kiper said on Sunday.",
        "said",
        "Oleh Kiper",
        "regional governor",
    ),
    (
        "Russian Foreign Minister Sergei Lavrov said the talks failed.",
        "said",
        "Sergei Lavrov",
        "Russian Foreign Minister",
    ),
    # Negatives: no prefix invented, an organisation stays one, no role invented.
    ("Military sources said the town fell.", "said", "Military sources", None),
    (
        "The General Command of the Army said the town was taken.",
        "said",
        "General Command of the Army",
        None,
    ),
    ("Vladimir Putin said the troops would stay.", "said", "Vladimir Putin", None),
    (
        "Another activist group the Local Coordination Committees said dozens were killed.",
        "said",
        "Local Coordination Committees",
        None,
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "cue", "speaker", "role"), HYPHENATED_AND_TITLED)
def test_attribution_speaker_keeps_hyphen_prefix_and_role_before_name(
    attribute: Attribute, text: str, cue: str, speaker: str, role: str | None
) -> None:
    claim = _by_cue(attribute(text), cue)
    assert claim.speaker == speaker
    assert claim.speaker_role == role


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # Never the fragment after the hyphen ("led coalition", "backed forces").
        "The Saudi-led coalition said it had intercepted two drones.",
        "The US-backed forces said they had taken the village.",
    ],
)
def test_attribution_speaker_never_starts_at_hyphen_suffix(attribute: Attribute, text: str) -> None:
    speakers = [c.speaker or "" for c in attribute(text)]
    assert speakers
    assert not any(s.startswith(("led ", "backed ", "based ")) for s in speakers)


#: (text, source phrase): a people's or group's name before a plural head is
#: the group speaking ("Tuareg rebels"), never a person called "Tuareg".
GROUP_SOURCES = [
    ("Tuareg rebels said they had taken the town of Anefis.", "Tuareg rebels"),
    ("Tuareg rebels, who hold the north, said the army had left.", "Tuareg rebels"),
    ("Houthi officials said a strike hit the port on Monday.", "Houthi officials"),
    ("Kurdish commanders said the militants had withdrawn.", "Kurdish commanders"),
    ("Separatist Tuareg rebels said the army had left the base.", "Separatist Tuareg rebels"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "source"), GROUP_SOURCES)
def test_attribution_group_source_keeps_its_head(
    attribute: Attribute, text: str, source: str
) -> None:
    claims = attribute(text)
    assert [c.source.text if c.source else None for c in claims] == [source]
    assert claims[0].speaker_kind != "person"
    assert claims[0].speaker is not None and " " in claims[0].speaker


@pytest.mark.model
def test_attribution_name_before_singular_role_is_still_a_person(attribute: Attribute) -> None:
    # the negative of the rule above: one name before one role is a person
    claims = attribute("Colonel Ahmed Yousef spokesman for the army said the town was calm.")
    assert claims and claims[0].speaker_kind == "person"
    assert claims[0].speaker == "Ahmed Yousef"


#: (text, trigger, whether the subject expresses a feeling about the event)
EXPRESSING = [
    ("The Kremlin expressed sorrow over the deaths of five soldiers.", "deaths", True),
    ("Moscow offered sympathy to the families after the deaths of the soldiers.", "deaths", True),
    ("The minister mourned the soldiers killed in the attack.", "attack", True),
    ("The president paid tribute to the troops killed in the ambush.", "ambush", True),
    ("Officials condemned the killing of two journalists.", "killing", True),
    # negatives: the subject does the act
    ("The army shelled the village on Monday.", "shelled", False),
    ("Rebels launched an attack on the base.", "attack", False),
    ("The army offered to escort convoys after the attack on the road.", "attack", False),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger", "expressed"), EXPRESSING)
def test_attribution_expressing_verb_marks_commentators(
    base_nlp: Any, text: str, trigger: str, expressed: bool
) -> None:
    from sitrep.nlp.attribution import drop_commentators, expressing_verb

    doc = base_nlp(text)
    token = next(t for t in doc if t.text == trigger)
    assert (expressing_verb(token) is not None) is expressed
    subject = next(t for t in doc if t.dep_ == "nsubj" and t.head.dep_ == "ROOT")
    kept = drop_commentators([doc[subject.i : subject.i + 1]], token)
    assert (kept == []) is expressed
