from db.text import first_sentence, fold, greek_variants, strip_markdown


def test_fold_handles_case_diacritics_and_greek():
    assert fold("Krönke") == "kronke"
    assert fold("CK1α") == "ck1alpha"
    assert fold("TNF-α") == "tnf-alpha"


def test_greek_variants_give_every_spelling():
    variants = greek_variants("loss of CK1α and TNF-α").split()
    assert {"CK1alpha", "CK1a", "TNF-alpha", "TNFalpha", "TNF-a"} <= set(variants)
    assert greek_variants("no greek here") == ""


def test_first_sentence_ignores_abbreviation_free_text():
    assert first_sentence("One thing. Two things.") == "One thing."
    assert first_sentence("Single sentence") == "Single sentence"


def test_strip_markdown_keeps_link_labels():
    assert strip_markdown("See [cereblon](term:cereblon) and **bold**") == "See cereblon and bold"
