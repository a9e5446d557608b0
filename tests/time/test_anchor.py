"""event_date: attached expression first, then the sentence, then publication."""
import datetime as dt

from chronique.time import event_date, news_day, on_story_day, tag

PUB = dt.date(2018, 6, 18)


def date_of(nlp, text, trigger, published=PUB):
    doc = nlp(text)
    i = next(t.i for t in doc if t.text == trigger)
    return event_date(doc, i, tag(text, published, "t", doc), published, "fr")


def test_explicit_date_attached(nlp):
    assert date_of(nlp, "Le 10 juin, le ministre a annoncé sa démission.", "annoncé") == ("2018-06-10", "explicit")


def test_relative_weekday(nlp):
    assert date_of(nlp, "Le ministre a rencontré jeudi son homologue.", "rencontré") == ("2018-06-14", "relative")


def test_publication_fallback(nlp):
    assert date_of(nlp, "Le ministre a rencontré son homologue.", "rencontré") == ("2018-06-18", "publication")
    assert date_of(nlp, "Le ministre a rencontré son homologue.", "rencontré", None) == (None, "unknown")


def test_vague_and_duration_never_date_an_event(nlp):
    assert date_of(nlp, "Le ministre a récemment signé pendant trois jours.", "signé")[1] == "publication"


def test_n_days_after_dates_the_earlier_event(nlp):
    text = "Cet appel survient six jours après la rencontre des deux dirigeants."
    assert date_of(nlp, text, "rencontre") == ("2018-06-12", "relative")
    assert date_of(nlp, text, "survient")[1] == "publication"


def test_future_dates_are_not_event_dates(nlp):
    assert date_of(nlp, "Les deux pays ont convenu d'un sommet le 12 juillet.", "convenu") == ("2018-06-18", "publication")


def test_time_value_gives_the_day(nlp):
    assert date_of(nlp, "Les députés ont voté mardi soir la loi.", "voté") == ("2018-06-12", "relative")


def _story_day(nlp, text, published):
    doc = nlp(text)
    return news_day(doc, tag(text, published, "t", doc), published)


def test_the_lead_sets_the_story_day_for_undated_news(nlp):
    text = ("Les dirigeants de l'Union africaine se sont réunis dimanche à Addis-Abeba. "
            "Ils ont exigé le retour des civils au pouvoir. "
            "L'organisation a aussi suspendu le Soudan.")
    monday = dt.date(2023, 7, 31)
    assert _story_day(nlp, text, monday) == dt.date(2023, 7, 30)
    assert on_story_day("2023-07-31", "publication", dt.date(2023, 7, 30)) == ("2023-07-30", "relative")
    assert on_story_day("2023-07-29", "relative", dt.date(2023, 7, 30)) == ("2023-07-29", "relative")


def test_no_story_day_from_an_older_lead_or_a_late_sentence(nlp):
    old_lead = "Les dirigeants se sont réunis jeudi à Addis-Abeba. Ils ont exigé le retour des civils."
    assert _story_day(nlp, old_lead, dt.date(2023, 7, 31)) is None  # four days before: not the news day
    late = ("Les dirigeants se sont réunis à Addis-Abeba. Ils ont exigé le retour des civils. "
            "L'organisation avait déjà suspendu le pays dimanche.")
    assert _story_day(nlp, late, dt.date(2023, 7, 31)) is None


def test_au_lendemain_de_dates_the_complement_the_day_before(nlp):
    text = "Le ministre a démissionné mercredi 13 juin, au lendemain d'un vote de défiance."
    assert date_of(nlp, text, "vote") == ("2018-06-12", "relative")
    assert date_of(nlp, text, "démissionné") == ("2018-06-13", "explicit")


def test_a_date_inside_another_clause_does_not_date_the_event(nlp):
    text = "Le ministre s'est rendu à Pyongyang, que le dirigeant avait quitté en avril dernier."
    assert date_of(nlp, text, "rendu") == ("2018-06-18", "publication")
    assert date_of(nlp, text, "quitté")[0] == "2018-04"
