"""The event-level scores of ``train.eventscore`` count as ../shared/eval/score.py counts."""
from chronique.train.eventscore import score_by_type


def _gold(doc, key, etype, actor=None, aux="none"):
    return {"doc": doc, "event_key": key, "event_type": etype, "aux": aux,
            "actor": [{"country": actor}] if actor else [], "recipient": [], "evidence": key}


def _pred(doc, etype, actor=None, aux="none"):
    return {"doc": doc, "event_type": etype, "aux": aux, "actor": [{"country": actor}] if actor else [], "recipient": []}


def test_a_unit_found_twice_counts_once_and_is_not_penalised():
    gold = [_gold("a", "k1", "CONSULT", "FRA"), _gold("a", "k1", "CONSULT", "FRA")]
    res = score_by_type(gold, [_pred("a", "CONSULT", "FRA"), _pred("a", "CONSULT", "FRA")])
    assert res["all"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 1, "pred": 1, "gold": 1}


def test_a_fact_reported_where_the_text_only_supposes_is_a_false_positive():
    gold = [_gold("a", "k1", "THREATEN", aux="hypothetical"), _gold("a", "k2", "AGREE")]
    res = score_by_type(gold, [_pred("a", "THREATEN"), _pred("a", "AGREE"), _pred("a", "THREATEN", aux="hypothetical")])
    assert res["THREATEN"]["pred"] == 1 and res["THREATEN"]["tp"] == 0 and res["THREATEN"]["gold"] == 0
    assert res["AGREE"]["f1"] == 1.0 and res["macro_f1"] == 1.0  # only types with gold units are averaged


def test_type_level_ignores_actors_and_type_actor_level_does_not():
    gold, preds = [_gold("a", "k1", "SANCTION", "USA")], [_pred("a", "SANCTION", "RUS")]
    assert score_by_type(gold, preds, "type")["SANCTION"]["tp"] == 1
    assert score_by_type(gold, preds, "type+actor")["SANCTION"]["tp"] == 0
    assert score_by_type([_gold("a", "k1", "PROTEST")], [_pred("a", "PROTEST", "FRA")], "type+actor")["all"]["tp"] == 1


def test_predictions_match_only_units_of_their_own_document():
    res = score_by_type([_gold("a", "k1", "ASSAULT")], [_pred("b", "ASSAULT")])
    assert res["all"]["tp"] == 0 and res["all"]["pred"] == 1
