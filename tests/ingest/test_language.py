"""Language identification: the short glance settles plain French, everything else is read on the full sample."""
from chronique.ingest import language
from chronique.ingest.language import GLANCE, SAMPLE, detect

FR = ("Le Conseil de sécurité des Nations unies a adopté jeudi à l'unanimité une résolution prolongeant "
      "d'un an le mandat de la mission de maintien de la paix au Liban, a annoncé son président. ")
EN = ("The United Nations Security Council on Thursday unanimously adopted a resolution extending by one "
      "year the mandate of the peacekeeping mission in Lebanon, its president announced. ")


def test_long_french_is_french():
    lang, prob = detect(FR * 12)
    assert lang == "fr" and prob > 0.99


def test_long_english_is_not_french():
    assert detect(EN * 12)[0] == "en"


def test_short_text_is_read_whole():
    assert detect(FR)[0] == "fr" and detect(EN)[0] == "en"


def test_glance_decides_only_plain_french(monkeypatch):
    seen = []
    real = language._identifier()

    class Spy:
        def classify(self, text):
            seen.append(len(text))
            return real.classify(text)

    monkeypatch.setattr(language, "_identifier", lambda: Spy())
    detect(FR * 40)
    assert seen == [GLANCE]  # French at a glance: the rest is not read
    seen.clear()
    lang, _ = detect(EN * 14 + FR * 40)  # an English opening: the decision is the full sample's
    assert seen == [GLANCE, SAMPLE] and lang == "en"
