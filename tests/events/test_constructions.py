"""French news syntax: passives, nominalisations, coordination, relatives, reported speech,
support verbs and PLOVER's rules for planned and cancelled meetings (team-written sentences)."""
from __future__ import annotations

from tests.events.conftest import countries, find


def test_passive_agent_is_the_host_and_the_subject_the_visitor(events_of):
    ev = find(events_of("Le ministre polonais a été reçu mardi par le président ukrainien à Kiev."), "CONSULT")
    assert ev and ev[0].mode == "visit"
    assert countries(ev[0].actor) == {"POL"} and countries(ev[0].recipient) == {"UKR"}
    assert ev[0].location is not None and ev[0].location.country == "UKR"


def test_agentless_arrest_is_the_police_of_the_place(events_of):
    ev = find(events_of("Deux cents manifestants ont été arrêtés samedi à Alger."), "COERCE")
    assert ev and ev[0].mode == "arrest"
    assert [(a.text, a.country, a.sector) for a in ev[0].actor] == [("", "DZA", "COP")]


def test_agentless_arrest_with_no_place_takes_the_targets_state(events_of):
    ev = find(events_of("L'opposant russe Alexeï Navalny a été interpellé dimanche."), "COERCE")
    assert ev and countries(ev[0].actor) == {"RUS"}


def test_clause_without_doer_takes_the_actor_of_the_story_so_far(events_of):
    evs = events_of("Les forces russes ont pris le contrôle de la ville mardi. "
                    "Plusieurs centaines de prisonniers ont ensuite été libérés.")
    ev = find(evs, "RETREAT")
    assert ev and countries(ev[0].actor) == {"RUS"}


def test_the_story_doer_does_not_pass_to_the_event_it_reacts_to(events_of):
    evs = events_of("Le Canada a condamné lundi les violences. Il a aussi dénoncé le coup d'État au Gabon.")
    assert not [e for e in find(evs, "COERCE") if "CAN" in countries(e.actor)]


def test_clause_without_doer_and_no_story_actor_gives_no_event(events_of):
    assert not find(events_of("Un accord a ensuite été signé."), "AGREE")


def test_agentless_verbal_event_is_not_invented(events_of):
    assert not find(events_of("Une demande a été adressée."), "REQUEST")


def test_nominal_meeting_between_two_sides_is_symmetric(events_of):
    ev = find(events_of("La rencontre entre le président kényan et le Premier ministre éthiopien a duré deux heures."),
              "CONSULT")
    assert ev and countries(ev[0].actor) == {"KEN", "ETH"} and ev[0].recipient == []


def test_nominal_visit_of_x_to_a_place(events_of):
    ev = find(events_of("La visite du président italien au Caire a été très commentée."), "CONSULT")
    assert ev and ev[0].mode == "visit" and countries(ev[0].actor) == {"ITA"}
    assert ev[0].location.country == "EGY"


def test_nominal_invitation_of_x_to_y_is_agree(events_of):
    ev = find(events_of("L'invitation du roi du Maroc au président sénégalais a surpris."), "AGREE")
    assert ev and countries(ev[0].actor) == {"MAR"} and countries(ev[0].recipient) == {"SEN"}


def test_coordinated_named_subjects_are_one_compound_actor(events_of):
    text = ("Le président français Emmanuel Macron et le chancelier allemand Olaf Scholz ont signé mardi "
            "un accord de défense.")
    ev = find(events_of(text), "AGREE")
    assert ev and countries(ev[0].actor) == {"FRA", "DEU"}


def test_relative_pronoun_stands_for_the_invited_leader(events_of):
    evs = events_of("Le ministre norvégien a rencontré le président ukrainien, qu'il a ensuite invité à se rendre à Oslo.")
    invite = [e for e in find(evs, "AGREE") if e.trigger == "invité"]
    assert invite and countries(invite[0].actor) == {"NOR"} and countries(invite[0].recipient) == {"UKR"}
    trip = [e for e in find(evs, "AGREE") if e.trigger == "rendre"]
    assert trip and countries(trip[0].actor) == {"UKR"}  # the invited one is who would travel


def test_inverted_reported_speech_gives_the_speaker(events_of):
    ev = find(events_of("Les missiles sont prêts, a averti mardi le ministre russe de la Défense."), "THREATEN")
    assert ev and countries(ev[0].actor) == {"RUS"}


def test_first_person_in_a_quote_is_the_speaker(events_of):
    ev = find(events_of("« Nous condamnons fermement cette attaque », a déclaré mardi le président sénégalais."),
              "ACCUSE")
    assert ev and countries(ev[0].actor) == {"SEN"} and ev[0].mode == "disapprove"


def test_quoted_first_person_future_visit_is_agree(events_of):
    ev = find(events_of("« Je me rendrai à Moscou le mois prochain », a déclaré le Premier ministre indien."), "AGREE")
    assert ev and countries(ev[0].actor) == {"IND"} and countries(ev[0].recipient) == {"RUS"}
    assert ev[0].aux == "none"


def test_support_verb_gives_the_noun_its_actor(events_of):
    ev = find(events_of("Le ministre turc des Affaires étrangères a effectué mardi une visite à Bagdad."), "CONSULT")
    assert ev and ev[0].mode == "visit" and countries(ev[0].actor) == {"TUR"}
    assert countries(ev[0].recipient) == {"IRQ"}


def test_reaction_verb_subject_is_not_the_actor_of_the_event_noun(events_of):
    evs = events_of("Le Canada a condamné le coup d'État au Gabon.")
    assert find(evs, "ACCUSE")
    assert not [e for e in find(evs, "COERCE") if "CAN" in countries(e.actor)]


def test_future_visit_is_agree(events_of):
    ev = events_of("Le président brésilien se rendra en Chine en avril.")
    assert find(ev, "AGREE") and not find(ev, "CONSULT")
    agree = find(ev, "AGREE")[0]
    assert countries(agree.actor) == {"BRA"} and countries(agree.recipient) == {"CHN"}


def test_cancelled_summit_is_reject_meet_and_no_meeting(events_of):
    evs = events_of("Le président américain a annulé mardi le sommet prévu avec le dirigeant nord-coréen.")
    rej = find(evs, "REJECT")
    assert rej and rej[0].mode == "meet" and countries(rej[0].actor) == {"USA"}
    assert not find(evs, "CONSULT")


def test_sanctions_being_prepared_are_a_threat(events_of):
    evs = events_of("L'Union européenne prépare de nouvelles sanctions contre la Biélorussie.")
    assert find(evs, "THREATEN") and not find(evs, "SANCTION")


def test_announced_sanctions_are_sanctions(events_of):
    evs = events_of("Le Canada a annoncé mardi de nouvelles sanctions contre le Venezuela.")
    ev = find(evs, "SANCTION")
    assert ev and countries(ev[0].actor) == {"CAN"} and countries(ev[0].recipient) == {"VEN"}


def test_evidence_is_a_slice_of_the_document(events_of):
    text = "Premier paragraphe sans événement.\n\nLa police turque a arrêté mardi un journaliste allemand à Ankara."
    evs = events_of(text)
    assert evs
    for ev in evs:
        assert text[ev.start:ev.end] == ev.evidence


def test_what_a_demand_asks_for_is_not_a_fact(events_of):
    evs = events_of("L'Union africaine a exigé la libération du président nigérien.")
    assert find(evs, "REQUEST")
    assert all(e.aux != "none" for e in find(evs, "RETREAT"))


def test_unnamed_protesters_are_civilians_of_the_place(events_of):
    ev = find(events_of("Des milliers de personnes ont manifesté samedi à Alger."), "PROTEST")
    assert ev and countries(ev[0].actor) == {"DZA"} and ev[0].actor[0].sector == "CVL"


def test_two_sided_fighting_puts_both_sides_in_actor(events_of):
    ev = find(events_of("Les combats entre l'armée soudanaise et l'armée éthiopienne ont repris."), "ASSAULT")
    assert ev and countries(ev[0].actor) == {"SDN", "ETH"} and ev[0].recipient == []


def test_a_time_is_not_the_actor_of_an_ultimatum(events_of):
    ev = find(events_of("L'Union africaine donne dix jours à la junte nigérienne, un ultimatum sans précédent."), "THREATEN")
    assert ev and countries(ev[0].actor) == {"IGO"} and countries(ev[0].recipient) == {"NER"}


def test_between_two_sides_survives_a_misparsed_coordination(events_of):
    """"entre X et Y" always names two parties, even when the parser hangs Y on the main verb."""
    ev = find(events_of("Le premier sommet entre le président américain Joe Biden et le président chinois "
                        "Xi Jinping a commencé lundi à Bali."), "CONSULT")
    assert ev and countries(ev[0].actor) == {"USA", "CHN"}


def test_the_story_scene_is_a_place_where_things_happen_not_a_neighbour(events_of):
    text = ("Des rebelles ont attaqué lundi une position de l'armée malienne dans le nord du Mali. "
            "La ville de Ménaka est frontalière du Niger, proche du Niger. "
            "L'armée a accusé le Burkina Faso de soutenir les rebelles.")
    ev = find(events_of(text), "ACCUSE")
    assert ev and ev[0].location is not None
    assert (ev[0].location.country, ev[0].location.basis) == ("MLI", "scene")


def test_a_place_in_a_relative_clause_is_not_the_events_place(events_of):
    text = ("Les chefs d'État de l'Union africaine ont tenu samedi un sommet extraordinaire sur les combats qui ont "
            "éclaté au Soudan. Les délégations étaient arrivées à Addis-Abeba vendredi. La presse attendait à Addis-Abeba.")
    summit = [e for e in events_of(text) if e.trigger == "sommet"]
    assert summit and summit[0].location is not None and summit[0].location.country == "ETH"


def test_an_inflected_form_left_as_lemma_still_opens_its_entry(events_of):
    ev = find(events_of("L'ONU réclame un cessez-le-feu immédiat au Soudan."), "REQUEST")
    assert ev and countries(ev[0].actor) == {"IGO"}


def test_the_accused_not_the_accuser_did_what_is_alleged(events_of):
    evs = events_of("Kiev accuse l'armée russe d'avoir mené une attaque chimique.")
    assert countries(find(evs, "ACCUSE")[0].recipient) == {"RUS"}
    attack = find(evs, "ASSAULT")
    assert attack and countries(attack[0].actor) == {"RUS"} and attack[0].mode == "unconventional"


def test_an_infinitive_hung_on_the_object_still_makes_a_call_to_act(events_of):
    ev = find(events_of("Le secrétaire général de l'ONU a exhorté les belligérants à reprendre les négociations."), "REQUEST")
    assert ev and countries(ev[0].actor) == {"IGO"}


def test_a_party_phrase_hung_on_the_object_is_the_verbs_party(events_of):
    ev = find(events_of("L'Algérie a fermé ses frontières avec le Maroc."), "SANCTION")
    assert ev and countries(ev[0].recipient) == {"MAR"} and ev[0].mode == "discontinue"
    own = events_of("Le gouvernement malien a fermé ses frontières dimanche.")
    assert not find(own, "SANCTION")


def test_acts_refused_threatened_or_called_for_are_not_facts(events_of):
    refused = find(events_of("Le Hamas a refusé de libérer les otages."), "RETREAT")
    assert refused and refused[0].aux == "negated"
    threatened = find(events_of("Le président turc a menacé de lancer une offensive contre les forces kurdes."),
                      "ASSAULT")
    assert threatened and threatened[0].aux == "hypothetical"
    asked = find(events_of("Israël a rejeté l'appel de l'ONU à un cessez-le-feu."), "RETREAT")
    assert all(e.aux == "hypothetical" for e in asked)


def test_a_constrained_entry_wins_over_a_plain_one_for_the_same_verb(events_of):
    ev = find(events_of("Le tribunal militaire de Bamako a condamné l'opposant malien à cinq ans de prison."),
              "SANCTION")
    assert ev and ev[0].mode == "convict"


def test_a_verb_and_its_event_noun_object_are_one_event_with_the_recipient_found(events_of):
    aid = find(events_of("Le Japon va fournir une aide humanitaire de dix millions de dollars à la Turquie."), "AID")
    assert len(aid) == 1 and countries(aid[0].actor) == {"JPN"}
    arms = find(events_of("Les États-Unis ont livré des missiles Patriot à l'Ukraine."), "AID")
    assert arms and countries(arms[0].recipient) == {"UKR"}


def test_an_event_noun_in_a_time_adjunct_is_not_the_subjects_act(events_of):
    evs = events_of("Après l'annonce de la trêve, le ministre colombien de la Défense a démissionné.")
    assert find(evs, "RETREAT") and all(e.mode == "resign" for e in find(evs, "RETREAT"))
    evs = events_of("Le ministre a démissionné au lendemain d'un accord conclu avec la guérilla sur une trêve.")
    assert not [e for e in find(evs, "RETREAT") if e.mode == "ceasefire"]


def test_a_party_on_the_participle_of_an_event_noun(events_of):
    ev = find(events_of("L'accord conclu mardi par la Russie avec l'Ukraine prévoit un échange de prisonniers."), "AGREE")
    assert ev and countries(ev[0].actor) == {"RUS"} and countries(ev[0].recipient) == {"UKR"}  # toward the partner


def test_an_agreement_between_two_parties_is_both_of_theirs(events_of):
    ev = find(events_of("L'accord entre l'Arménie et l'Azerbaïdjan prévoit un échange de prisonniers, a annoncé lundi "
                        "le Kremlin."), "AGREE")
    assert ev and countries(ev[0].actor) == {"ARM", "AZE"} and not ev[0].recipient


def test_a_text_speaks_for_whoever_adopts_it(events_of):
    ev = find(events_of("Le Conseil de sécurité a adopté une résolution exigeant un cessez-le-feu à Gaza."), "REQUEST")
    assert ev and countries(ev[0].actor) == {"IGO"}


def test_a_phone_partner_hung_on_the_instrument(events_of):
    ev = find(events_of("Emmanuel Macron s'est entretenu par téléphone avec Vladimir Poutine."), "CONSULT")
    assert ev and ev[0].mode == "phone" and countries(ev[0].actor) == {"FRA", "RUS"}


def test_a_participle_tagged_as_adjective_still_reports_the_act(events_of):
    ev = find(events_of("Le ministre libanais a déjà démissionné."), "RETREAT")
    assert ev and ev[0].mode == "resign" and countries(ev[0].actor) == {"LBN"}


def test_a_story_naming_no_place_happens_in_its_participants_country(events_of):
    text = ("Le président tunisien a limogé son Premier ministre. Les Tunisiens réclament son départ. "
            "L'armée tunisienne a appelé au calme.")
    evs = events_of(text)
    assert evs and all(e.location is not None and (e.location.country, e.location.basis) == ("TUN", "scene")
                       for e in evs)


def test_a_meeting_dated_last_week_in_its_own_phrase_took_place(events_of):
    text = ("Les diplomates doivent encore tirer les leçons de la rencontre de la semaine dernière entre le "
            "président brésilien et le président argentin.")
    ev = find(events_of(text), "CONSULT")
    assert ev and countries(ev[0].actor) == {"BRA", "ARG"} and ev[0].date == "2024-W10"


def test_ce_dernier_is_the_last_named_actor_not_the_previous_subject(events_of):
    evs = events_of("Le président russe Vladimir Poutine a reçu mardi le chancelier allemand Olaf Scholz au Kremlin. "
                    "Ce dernier a appelé Moscou à la désescalade.")
    request = find(evs, "REQUEST")
    assert request and countries(request[0].actor) == {"DEU"}


def test_police_dispersing_a_crowd_is_force_used_on_it_not_a_protest(events_of):
    evs = events_of("Les forces de l'ordre ont dispersé les manifestants à coups de gaz lacrymogène à Dakar.")
    assert [(e.event_type, e.mode) for e in find(evs, "ASSAULT")] == [("ASSAULT", "crowd-control")]
    assert not find(events_of("Le gouvernement a décidé d'évacuer les habitants de la zone inondée."), "ASSAULT")


def test_leaving_an_agreement_rejects_it_and_is_no_new_agreement(events_of):
    evs = events_of("Washington se retire de l'accord de Paris sur le climat, a annoncé la Maison Blanche.")
    assert [e.event_type for e in evs] == ["REJECT"] and countries(evs[0].actor) == {"USA"}
    troops = events_of("Les forces russes se sont retirées de Kherson.")
    assert [e.event_type for e in troops] == ["RETREAT"]


def test_not_recognising_is_a_refusal_reported_as_fact(events_of):
    ev = find(events_of("Le gouvernement ukrainien ne reconnaît pas l'annexion de la Crimée."), "REJECT")
    assert ev and ev[0].aux == "none" and countries(ev[0].actor) == {"UKR"}
    assert not find(events_of("Le candidat malheureux a reconnu sa défaite dimanche soir."), "REJECT")


def test_a_situation_named_is_no_event_but_starting_or_declaring_one_is(events_of):
    assert not find(events_of("La guerre en Ukraine pèse sur l'économie européenne, selon la Banque centrale."),
                    "ASSAULT")
    assert find(events_of("La Russie a déclenché la guerre contre l'Ukraine en février 2022."), "ASSAULT")
    assert not find(events_of("L'ONU a appelé à un cessez-le-feu immédiat à Gaza."), "RETREAT")
    ceasefire = find(events_of("Le cessez-le-feu entre le Soudan et les rebelles est entré en vigueur samedi."), "RETREAT")
    assert ceasefire and ceasefire[0].aux == "none"


def test_an_agentless_mobilisation_is_the_act_of_the_state_where_it_happens(events_of):
    ev = find(events_of("Trois mille policiers ont été mobilisés samedi à Marseille."), "MOBILIZE")
    assert ev and [(a.text, a.country) for a in ev[0].actor] == [("", "FRA")]


def test_a_doer_unknown_to_the_knowledge_base_takes_the_country_of_the_place(events_of):
    ev = find(events_of("Le général Godefroid Nyombaré a promis jeudi à Bujumbura une reprise du dialogue."), "AGREE")
    assert ev and ev[0].actor[0].id is None and countries(ev[0].actor) == {"BDI"}


def test_the_speaker_of_a_quote_is_the_doer_of_what_it_says(events_of):
    text = "« J'adresse mes sincères félicitations au peuple sénégalais », a écrit le chef de l'État français sur X."
    ev = find(events_of(text), "SUPPORT")
    assert ev and countries(ev[0].actor) == {"FRA"}


def test_the_subject_of_a_passive_is_what_undergoes_the_act_not_its_doer(events_of):
    ev = find(events_of("La Libye a été suspendue du Conseil des droits de l'homme en 2011."), "SANCTION")
    assert ev and "LBY" not in countries(ev[0].actor)


def test_the_event_named_in_a_threat_is_its_content_not_its_doer(events_of):
    ev = find(events_of("Le président américain a brandi la menace de nouvelles sanctions contre l'Iran."), "THREATEN")
    assert ev and countries(ev[0].actor) == {"USA"} and countries(ev[0].recipient) == {"IRN"}


def test_a_sentence_initial_name_stays_the_subject_of_its_verb(events_of):
    ev = find(events_of("Pyongyang a mis en garde Séoul contre toute provocation à la frontière."), "THREATEN")
    assert ev and countries(ev[0].actor) == {"PRK"} and countries(ev[0].recipient) == {"KOR"}


def test_unnamed_people_released_are_local_civilians_but_a_curfew_has_no_guessed_target(events_of):
    ev = find(events_of("L'armée nigériane a libéré samedi vingt otages à Maiduguri."), "RETREAT")
    assert ev and [(a.country, a.sector) for a in ev[0].recipient] == [("NGA", "CVL")]
    curfew = find(events_of("Les autorités ont décrété mardi un couvre-feu à Dakar."), "COERCE")
    assert curfew and curfew[0].mode == "curfew" and curfew[0].recipient == []


def test_agent_of_an_event_noun_is_the_doer_and_de_the_party_acted_upon(events_of):
    ev = find(events_of("Ce rappel par la France de son ambassadeur à Bamako est une décision sans précédent."), "SANCTION")
    assert ev and countries(ev[0].actor) == {"FRA"} and "FRA" not in countries(ev[0].recipient)


def test_passive_agent_hung_on_a_complement(events_of):
    ev = find(events_of("La Géorgie a été suspendue du programme d'exemption de visas par l'Union européenne."), "SANCTION")
    assert ev and countries(ev[0].actor) == {"IGO"} and countries(ev[0].recipient) == {"GEO"}


def test_agreement_concluded_between_two_states_is_theirs_not_the_announcers(events_of):
    ev = find(events_of("Le président turc Recep Tayyip Erdogan a annoncé qu'un accord sur les exportations de céréales "
                        "a été conclu entre la Russie et l'Ukraine."), "AGREE")
    assert ev and countries(ev[0].actor) == {"RUS", "UKR"}


def test_name_misparsed_as_an_oblique_is_the_passive_subject(events_of):
    ev = find(events_of("Alexeï Navalny, 44 ans, avait été appréhendé dimanche à Moscou, dès son retour d'Allemagne."),
              "COERCE")
    assert ev and countries(ev[0].recipient) == {"RUS"}


def test_a_content_object_does_not_hide_the_recipient(events_of):
    ev = find(events_of("Londres impute à la Russie cet empoisonnement au Novitchok."), "ACCUSE")
    assert ev and countries(ev[0].actor) == {"GBR"} and countries(ev[0].recipient) == {"RUS"}


def test_what_a_promise_commits_to_is_not_done(events_of):
    evs = events_of("Par cet accord, le parti catalan Junts s'engage à soutenir l'investiture de Pedro Sánchez.")
    assert find(evs, "AGREE") and not [e for e in find(evs, "SUPPORT") if e.aux == "none"]


def test_a_promised_attack_is_a_threat_and_a_possible_one_is_not(events_of):
    evs = events_of("Le président iranien a promis de frapper Israël.")
    assert find(evs, "THREATEN") and not [e for e in find(evs, "ASSAULT") if e.aux == "none"]
    evs = events_of("Selon la presse turque, l'armée pourrait attaquer les positions kurdes en Syrie.")
    assert not find(evs, "THREATEN")


def test_counted_plural_stands_for_the_states_named_together(events_of):
    evs = events_of("Le Maroc et l'Algérie s'opposent sur le Sahara occidental. "
                    "Les deux voisins ont rompu leurs relations diplomatiques.")
    ev = find(evs, "SANCTION")
    assert ev and countries(ev[0].actor) == {"MAR", "DZA"}


def test_a_date_is_no_event(events_of):
    evs = events_of("Fin septembre, l'Azerbaïdjan a lancé une offensive militaire dans le Haut-Karabakh.")
    assert not find(evs, "RETREAT") and find(evs, "ASSAULT")


def test_a_resignation_handed_to_the_president(events_of):
    ev = find(events_of("Édouard Philippe a remis vendredi sa démission à Emmanuel Macron."), "RETREAT")
    assert ev and ev[0].mode == "resign" and [a.text for a in ev[0].recipient] == ["Emmanuel Macron"]


def test_the_parties_of_an_agreement_signed_in_the_passive(events_of):
    ev = find(events_of("L'accord entre l'Arménie et l'Azerbaïdjan a été signé lundi à Moscou."), "AGREE")
    assert ev and countries(ev[0].actor) == {"ARM", "AZE"}


def test_a_matched_context_word_is_not_vetoed_by_the_model(events_of):
    ev = find(events_of("Les députés français ont voté contre la réforme des retraites présentée par le gouvernement "
                        "d'Élisabeth Borne."), "REJECT")
    assert ev


def test_a_deadline_to_leave_is_an_expulsion(events_of):
    ev = find(events_of("Le gouvernement burkinabè a donné 48 heures au diplomate français pour quitter le territoire."),
              "SANCTION")
    assert ev and ev[0].mode == "expel" and countries(ev[0].actor) == {"BFA"} and countries(ev[0].recipient) == {"FRA"}


def test_what_one_is_accused_of_is_alleged_and_what_is_condemned_happened(events_of):
    evs = events_of("Londres accuse Moscou d'avoir empoisonné l'ancien espion Sergueï Skripal.")
    assert find(evs, "ACCUSE") and not [e for e in find(evs, "ASSAULT") if e.aux == "none"]
    evs = events_of("La France a condamné les frappes russes contre Kiev.")
    assert [e for e in find(evs, "ASSAULT") if e.aux == "none"]


def test_an_amnesty_passed_concedes_and_a_concession_agreed_on_is_the_agreement(events_of):
    evs = events_of("Le Parlement espagnol a approuvé jeudi une loi d'amnistie pour les indépendantistes catalans.")
    assert find(evs, "CONCEDE") and countries(find(evs, "CONCEDE")[0].actor) == {"ESP"} and not find(evs, "AGREE")
    evs = events_of("L'Iran et l'Arabie saoudite ont convenu vendredi de rouvrir leurs ambassades.")
    assert find(evs, "AGREE") and not [e for e in find(evs, "CONCEDE") if e.aux == "none"]


def test_a_curfew_has_no_guessed_target(events_of):
    ev = find(events_of("Le gouvernement du Bangladesh a décrété un couvre-feu dans tout le pays après les manifestations."),
              "COERCE")
    assert ev and not ev[0].recipient


def test_what_the_doer_owns_is_not_the_doer(events_of):
    ev = find(events_of("Le Niger a annoncé la rupture de ses relations diplomatiques avec l'Ukraine."), "SANCTION")
    assert ev and countries(ev[0].actor) == {"NER"} and countries(ev[0].recipient) == {"UKR"}


def test_a_planned_withdrawal_stays_a_retreat_and_a_promised_resignation_concedes(events_of):
    assert find(events_of("Les troupes américaines se retireront d'Afghanistan d'ici mai, a annoncé Washington."),
                "RETREAT")
    evs = events_of("Le Premier ministre sri-lankais Ranil Wickremesinghe s'est dit prêt à démissionner.")
    assert find(evs, "CONCEDE") and not find(evs, "AGREE")


def test_a_ceasefire_an_agreement_provides_for_is_that_agreement(events_of):
    evs = events_of("L'Éthiopie et les rebelles tigréens ont signé à Pretoria un accord de cessation des hostilités.")
    assert find(evs, "AGREE") and not find(evs, "RETREAT")


def test_a_capitalised_noun_inside_a_sentence_is_a_name_not_an_event(events_of):
    evs = events_of("Les députés du Rassemblement national ont voté la motion de censure déposée par la gauche.")
    assert not find(evs, "PROTEST")
    evs = events_of("Le président a convoqué le Conseil des ministres pour jeudi à l'Élysée.")
    assert not find(evs, "ACCUSE") and not find(evs, "AGREE")


def test_a_subject_cut_off_from_its_verb_by_an_incise_is_still_its_subject(events_of):
    ev = find(events_of("L'Allemagne a, pour sa part, décidé d'expulser deux diplomates iraniens."), "SANCTION")
    assert ev and countries(ev[0].actor) == {"DEU"} and countries(ev[0].recipient) == {"IRN"}


def test_closing_an_embassy_is_a_sanction(events_of):
    ev = find(events_of("Le Canada a décidé de fermer son ambassade à Téhéran."), "SANCTION")
    assert ev and countries(ev[0].actor) == {"CAN"} and countries(ev[0].recipient) == {"IRN"}


def test_wanting_another_to_act_is_a_demand_on_them(events_of):
    ev = find(events_of("Paris souhaite que l'Italie accueille le navire humanitaire."), "REQUEST")
    assert ev and countries(ev[0].actor) == {"FRA"} and countries(ev[0].recipient) == {"ITA"}
    ev = find(events_of("Washington attend de Pékin qu'il cesse ses manœuvres militaires autour de Taïwan."), "REQUEST")
    assert ev and countries(ev[0].recipient) == {"CHN"}  # a city as the verb's argument is a party, not a place


def test_a_crowd_protesting_demonstrates_and_a_government_protesting_to_another_accuses(events_of):
    evs = events_of("À Nairobi, des milliers de Kényans protestent contre la hausse des taxes.")
    assert find(evs, "PROTEST") and not find(evs, "ACCUSE")
    ev = find(events_of("Pékin a protesté auprès de Washington contre la vente d'armes à Taïwan."), "ACCUSE")
    assert ev and countries(ev[0].recipient) == {"USA"}


def test_declining_to_comment_is_no_rejection(events_of):
    assert not find(events_of("Le Kremlin a refusé de confirmer la présence de Bachar al-Assad à Moscou."), "REJECT")


def test_voters_called_to_the_polls_and_asylum_claims_are_no_demands(events_of):
    evs = events_of("Quelque 64 millions d'électeurs turcs étaient appelés aux urnes dimanche. "
                    "Le Canada a reçu 40 000 demandes d'asile en 2022.")
    assert not find(evs, "REQUEST")
    assert find(events_of("L'Union européenne a appelé lundi les compagnies aériennes à ne plus survoler le Bélarus."),
                "REQUEST")


def test_supporters_blocking_roads_protest(events_of):
    evs = events_of("Au Brésil, des camionneurs partisans de Jair Bolsonaro bloquent les routes depuis lundi.")
    assert find(evs, "PROTEST") and not find(evs, "COERCE")


def test_a_state_suspended_from_a_body_is_suspended_by_that_body(events_of):
    ev = find(events_of("Le Niger a été suspendu de la Cédéao après le coup d'État."), "SANCTION")
    assert ev and countries(ev[0].actor) == {"IGO"} and countries(ev[0].recipient) == {"NER"}


def test_an_envoy_summoned_is_summoned_by_the_ministry_that_receives_him(events_of):
    ev = find(events_of("L'ambassadeur de France à Alger a été convoqué mardi au ministère algérien des Affaires "
                        "étrangères."), "ACCUSE")
    assert ev and countries(ev[0].actor) == {"DZA"} and countries(ev[0].recipient) == {"FRA"}


def test_the_inverted_incise_pronoun_is_the_speaker_of_the_quote(events_of):
    evs = events_of("Le Premier ministre japonais s'est exprimé mardi à Tokyo. « Je demande une nouvelle fois la "
                    "fin immédiate de ces essais de missiles », a-t-il déclaré.")
    ev = find(evs, "REQUEST")
    assert ev and countries(ev[0].actor) == {"JPN"}


def test_a_multiword_trigger_is_one_event(events_of):
    evs = events_of("Le ministre ivoirien de l'Intérieur a mis en garde les partis d'opposition contre toute "
                    "manifestation non autorisée.")
    assert [e.event_type for e in evs if e.aux == "none"] == ["THREATEN"]


def test_combats_that_oppose_two_sides_are_no_refusal(events_of):
    evs = events_of("Des combats opposent depuis lundi l'armée soudanaise aux paramilitaires dans Khartoum.")
    assert not find(evs, "REJECT")
    ev = find(events_of("La Hongrie s'oppose au nouveau plan d'aide de l'Union européenne."), "REJECT")
    assert ev and countries(ev[0].actor) == {"HUN"}


def test_a_loan_the_fund_approves_is_aid(events_of):
    evs = events_of("Le FMI a approuvé mardi un prêt de 3 milliards de dollars à l'Égypte.")
    ev = find(evs, "AID")
    assert ev and countries(ev[0].actor) == {"IGO"} and countries(ev[0].recipient) == {"EGY"}
    assert not find(evs, "AGREE")


def test_working_hand_in_hand_is_cooperation(events_of):
    ev = find(events_of("L'armée nigérienne travaille main dans la main avec les forces françaises dans la "
                        "région de Tillabéri."), "COOPERATE")
    assert ev and countries(ev[0].actor) == {"NER", "FRA"}
    ev = find(events_of("La Jordanie partage des renseignements avec les États-Unis sur les cellules de l'État "
                        "islamique."), "COOPERATE")
    assert ev and countries(ev[0].actor) == {"JOR", "USA"}


def test_forces_put_on_alert_are_mobilised(events_of):
    ev = find(events_of("Le président des Philippines a placé l'armée en état d'alerte maximale."), "MOBILIZE")
    assert ev and countries(ev[0].actor) == {"PHL"}


def test_pleading_for_an_outcome_asks_for_it(events_of):
    ev = find(events_of("Le président brésilien plaide pour un cessez-le-feu immédiat au Soudan."), "REQUEST")
    assert ev and countries(ev[0].actor) == {"BRA"}


def test_no_release_in_a_war_of_liberation_and_no_demand_in_asking_asylum(events_of):
    evs = events_of("Le gouvernement algérien a rendu hommage aux anciens combattants de la guerre de libération.")
    assert not find(evs, "RETREAT")
    evs = events_of("Le ministre canadien de l'Immigration a rappelé que les migrants peuvent demander asile au poste "
                    "frontalier.")
    assert not find(evs, "REQUEST")


def test_a_party_in_a_time_adjunct_below_the_target_is_not_the_target(events_of):
    evs = events_of("Le pont de Bissau a été fermé à la circulation après une décision du gouvernement sénégalais.")
    ev = find(evs, "COERCE")
    assert ev and not ev[0].recipient


def test_a_statement_speaks_for_its_author_in_a_relative_clause(events_of):
    ev = find(events_of("Le texte cite une déclaration du gouvernement gabonais, qui salue « la réaction rapide » "
                        "de l'armée."), "SUPPORT")
    assert ev and countries(ev[0].actor) == {"GAB"}



def test_a_meeting_in_a_time_adjunct_of_an_announcement_is_no_plan(events_of):
    evs = events_of("Le Premier ministre haïtien a annoncé sa démission lors d'une réunion d'urgence de la "
                    "Communauté des Caraïbes.")
    assert not find(evs, "AGREE")
    assert find(events_of("Le Kremlin a annoncé une réunion avec les dirigeants ukrainiens."), "AGREE")


def test_what_parties_agree_to_do_in_coordination_is_only_agreed(events_of):
    evs = events_of("Le Qatar et Bahreïn ont convenu vendredi de rétablir leurs relations diplomatiques et de rouvrir "
                    "leurs ambassades.")
    assert find(evs, "AGREE") and all(e.aux != "none" for e in find(evs, "CONCEDE"))


def test_a_visit_under_a_noun_of_intent_is_planned(events_of):
    evs = events_of("Le président turc a indiqué mardi son intention de se rendre à Moscou au printemps.")
    assert find(evs, "AGREE") and not find(evs, "CONSULT")


def test_a_participle_apposed_after_the_object_speaks_of_the_subject(events_of):
    evs = events_of("Le gouvernement malien a expulsé l'ambassadeur de France, lui donnant 72 heures pour quitter le pays.")
    assert find(evs, "SANCTION") and all(countries(e.actor) == {"MLI"} for e in find(evs, "SANCTION"))


def test_a_denial_is_a_rejection_and_the_accusation_denied_no_event(events_of):
    evs = events_of("Pékin dément les accusations d'être à l'origine de la cyberattaque contre le Parlement.")
    ev = find(evs, "REJECT")
    assert ev and countries(ev[0].actor) == {"CHN"} and ev[0].trigger == "dément"  # the text's word, not the stand-in
    assert not find(evs, "ACCUSE")


def test_a_treaty_a_party_suspends_is_no_new_agreement(events_of):
    evs = events_of("La Russie a suspendu sa participation au traité New Start sur les armes nucléaires.")
    assert find(evs, "SANCTION") and not find(evs, "AGREE")


def test_news_told_in_the_present_keeps_its_verb(events_of):
    ev = find(events_of("Washington sanctionne le chef de la junte birmane."), "SANCTION")
    assert ev and countries(ev[0].actor) == {"USA"} and countries(ev[0].recipient) == {"MMR"}
    assert ev[0].trigger == "sanctionne"


def test_the_members_named_after_dont_are_the_doers_of_an_unnamed_group(events_of):
    ev = find(events_of("Plusieurs dirigeants lui ont déjà adressé leurs félicitations, dont Vladimir Poutine et "
                        "Emmanuel Macron."), "SUPPORT")
    assert ev and countries(ev[0].actor) == {"RUS", "FRA"}


def test_a_relative_dont_names_no_members(events_of):
    evs = events_of("Des manifestants, dont le chef a été arrêté par la police kényane, ont bloqué une route.")
    assert not [e for e in evs if any(a.text == "la police kényane" for a in e.actor) and e.trigger == "bloqué"]


def test_the_seat_a_crowd_storms_is_the_protest_target(events_of):
    ev = find(events_of("Des centaines de manifestants kényans ont envahi le Parlement à Nairobi mardi."), "PROTEST")
    assert ev and countries(ev[0].actor) == {"KEN"}
    assert [(a.country, a.sector) for a in ev[0].recipient] == [("KEN", "LEG")]


def test_the_police_a_crowd_clashes_with_is_the_target_not_a_doer(events_of):
    ev = find(events_of("De violents affrontements entre les manifestants et les forces de l'ordre ont éclaté "
                        "dimanche soir à Santiago."), "PROTEST")
    assert ev and [a.sector for a in ev[0].actor] == ["CVL"] and [a.sector for a in ev[0].recipient] == ["COP"]


def test_the_embassy_a_crowd_gathers_before_is_the_protest_target(events_of):
    ev = find(events_of("Des centaines de manifestants ont protesté devant l'ambassade de France à Niamey."), "PROTEST")
    assert ev and countries(ev[0].actor) == {"NER"} and countries(ev[0].recipient) == {"FRA"}


def test_power_taken_is_no_recipient_but_a_regime_is_an_actor(events_of):
    ev = find(events_of("Dans la nuit de lundi, des militaires ont pris le pouvoir à Niamey."), "COERCE")
    assert ev and ev[0].mode == "seize" and not ev[0].recipient
    ev = find(events_of("Le pouvoir algérien a interdit la manifestation de vendredi."), "COERCE")
    assert ev and countries(ev[0].actor) == {"DZA"}


def test_a_capital_after_de_stands_for_its_state(events_of):
    ev = find(events_of("Le Canada condamne les agissements de Pékin en mer de Chine méridionale."), "ACCUSE")
    assert ev and [a.text for a in ev[0].recipient] == ["Pékin"] and countries(ev[0].recipient) == {"CHN"}


def test_the_adjective_of_a_condemned_act_names_its_doer_before_a_place(events_of):
    ev = find(events_of("Le Parlement moldave a dénoncé l'offensive russe en Ukraine."), "ACCUSE")
    assert ev and countries(ev[0].recipient) == {"RUS"}


def test_a_release_without_its_releaser_is_the_state_s(events_of):
    ev = find(events_of("Plusieurs dizaines de détenus politiques ont été libérés mardi à Alger."), "RETREAT")
    assert ev and ev[0].mode == "release" and [(a.country, a.sector) for a in ev[0].actor] == [("DZA", "GOV")]


def test_a_fronted_en_visite_is_the_subject_s_visit(events_of):
    ev = find(events_of("En visite à Moscou, Xi Jinping a rencontré mercredi Vladimir Poutine au Kremlin."), "CONSULT")
    visit = [e for e in ev if e.trigger == "visite"]
    assert visit and countries(visit[0].actor) == {"CHN"} and countries(visit[0].recipient) == {"RUS"}


def test_a_full_name_the_knowledge_base_lacks_still_does_the_event(events_of):
    ev = find(events_of("Jacques Chirac a salué vendredi l'accord de paix conclu à Belfast."), "SUPPORT")
    assert ev and [a.text for a in ev[0].actor] == ["Jacques Chirac"]


def test_the_object_the_parser_hangs_on_the_day_name_is_the_verb_s(events_of):
    ev = find(events_of("Le président sénégalais Macky Sall a rencontré vendredi Vladimir Poutine à Sotchi."), "CONSULT")
    assert ev and {a.country for a in ev[0].actor + ev[0].recipient} == {"SEN", "RUS"}


def test_a_fronted_present_participle_shares_the_clause_subject(events_of):
    ev = find(events_of("Accusant le Maroc d'actions hostiles, l'Algérie a rompu ses relations diplomatiques avec Rabat."),
              "ACCUSE")
    assert ev and countries(ev[0].actor) == {"DZA"} and countries(ev[0].recipient) == {"MAR"}


def test_killing_in_the_words_of_war_reporting_but_not_a_plan_carried_out(events_of):
    ev = find(events_of("L'armée malienne a neutralisé mardi une dizaine de terroristes près de Mopti."), "ASSAULT")
    assert ev and countries(ev[0].actor) == {"MLI"}
    assert not find(events_of("Le gouvernement malien a exécuté son plan de relance."), "ASSAULT")


def test_en_visite_beside_a_name_is_that_person_s_visit(events_of):
    evs = events_of("Le ministre turc des Affaires étrangères Mevlüt Çavusoglu, en visite à Téhéran, a été reçu lundi "
                    "par le président iranien Hassan Rohani.")
    visit = [e for e in find(evs, "CONSULT") if e.trigger == "visite"]
    assert visit and countries(visit[0].actor) == {"TUR"} and countries(visit[0].recipient) == {"IRN"}


def test_a_verb_with_no_passive_keeps_its_subject_as_doer(events_of):
    """"est arrivé" is no passive even when the parser reads its "être" as one: the subject arrives."""
    ev = find(events_of("Le président brésilien est arrivé lundi à Pékin."), "CONSULT")
    assert ev and countries(ev[0].actor) == {"BRA"} and countries(ev[0].recipient) == {"CHN"}


def test_a_subject_counted_with_an_adverb_is_the_subject_and_plus_alone_negates_nothing(events_of):
    """"Plus de 200 000 X ont défilé": the parser hangs the subject on "Plus"; without "ne", "plus" counts."""
    ev = find(events_of("Plus de 200 000 étudiants ont défilé jeudi dans les rues de Montréal contre la hausse des "
                        "droits de scolarité."), "PROTEST")
    assert ev and ev[0].aux == "none" and countries(ev[0].actor) == {"CAN"}
    ev = find(events_of("Moscou ne négocie plus avec Kiev depuis mars."), "CONSULT")
    assert ev and ev[0].aux == "negated"



def test_a_meeting_told_as_the_time_of_the_clause_is_its_subjects(events_of):
    """"Lors d'un entretien téléphonique, X et Y sont convenus…": the call is X's; fighting told so is not."""
    evs = events_of("Lors d'un entretien téléphonique vendredi, Emmanuel Macron et Vladimir Poutine sont convenus "
                    "d'une mission de l'AIEA.")
    call, deal = find(evs, "CONSULT"), find(evs, "AGREE")
    assert call and call[0].mode == "phone" and "FRA" in countries(call[0].actor)
    assert deal and countries(deal[0].actor) == {"FRA", "RUS"}
    fights = find(events_of("Après plusieurs jours de combats, les rebelles ont pris la ville de Goma."), "ASSAULT")
    assert not any(e.trigger == "combats" and e.actor for e in fights)


def test_a_first_since_a_year_is_not_of_that_year_but_an_act_going_on_since_a_day_is(events_of):
    from datetime import date

    evs = events_of("Kim Jong-un et Moon Jae-in se sont engagés vendredi à la dénucléarisation, à l'issue du premier "
                    "sommet intercoréen depuis 2007.", date(2018, 4, 27))
    summit = [e for e in evs if e.trigger == "sommet"]
    assert summit and all(not e.date.startswith("2007") for e in summit)
    ev = find(events_of("Depuis jeudi, les autorités ont suspendu l'accès aux réseaux sociaux dans tout le pays.",
                        date(2024, 7, 20)), "COERCE")
    assert ev and ev[0].date == "2024-07-18"


def test_an_object_the_parser_hangs_on_the_day_is_the_verbs_for_every_stage(nlp, events_of):
    """"a approuvé vendredi un prêt": the tree is repaired once after the parse (``syntax.repair_tree``), so the
    loan is what is approved (AID), and an accused hung so is what the accusation's content is about."""
    doc = nlp("Le Fonds monétaire international a approuvé vendredi un prêt de 1,5 milliard de dollars au Sri Lanka.")
    loan = next(t for t in doc if t.text == "prêt")
    assert loan.head.lemma_ == "approuver" and loan.dep_ == "obj"
    assert find(events_of(doc.text), "AID")
    speaker = nlp("« Nous avons perdu », a reconnu dimanche le président afghan.")
    assert next(t for t in speaker if t.text == "président").head.text == "dimanche"  # an incise's inverted subject


def test_infinitives_with_the_same_preposition_are_coordinated_with_each_other(nlp):
    """"chercher à rétablir X, rompues en 1979…, et à rouvrir Y": the parser hangs the second infinitive on the
    finite verb or on the participle between them; the tree repair hangs it on the first ("à rétablir"), so it
    is not read inside the participle's clause (nor dated by its year)."""
    for text, first, second in (
            ("Les deux gouvernements ont décidé de chercher à rétablir les relations diplomatiques, rompues en 1979 "
             "par la révolution, et à rouvrir leurs ambassades avant la fin de l'année.", "rétablir", "rouvrir"),
            ("Le Caire et Tel-Aviv y conviennent de chercher à obtenir cette année la levée du blocus, imposé en "
             "2007 par l'armée, et à remplacer celui-ci par un accord de paix durable.", "obtenir", "remplacer")):
        doc = nlp(text)
        tok = next(t for t in doc if t.text == second)
        assert (tok.dep_, tok.head.text) == ("conj", first)
    doc = nlp("Le ministre a promis de réduire la dette, creusée en 2020 par la crise, et de baisser les impôts.")
    assert next(t for t in doc if t.text == "baisser").head.text == "réduire"  # parsed right: left as it is


def test_what_someone_is_accused_of_having_done_is_alleged_not_reported(events_of):
    """"accuser X d'avoir tué": the killing is the accusation's content (hypothetical), not a new ASSAULT."""
    evs = events_of("Le chef de l'opposition malienne a accusé vendredi l'armée d'avoir tué quinze civils dans le nord.")
    accuse = find(evs, "ACCUSE")
    assert accuse and countries(accuse[0].recipient) == {"MLI"}
    assert all(e.aux == "hypothetical" for e in find(evs, "ASSAULT"))


def test_charges_and_blame_are_accusations(events_of):
    assert find(events_of("La justice française a mis en examen jeudi l'ancien ministre libyen."), "ACCUSE")
    assert find(events_of("Une enquête a été ouverte par le parquet de Bamako après l'attaque du convoi."), "ACCUSE")
    assert not find(events_of("Le sommet se tient à Genève, où le ministre est responsable de la délégation."), "ACCUSE")


def test_a_clitic_of_a_participle_clause_takes_up_the_state_just_named(events_of):
    """"a rompu avec le Maroc, l'accusant d'actions hostiles": "l'" is Morocco (the parser tags it a determiner)."""
    ev = find(events_of("L'Algérie a rompu mardi ses relations diplomatiques avec le Maroc, l'accusant d'actions "
                        "hostiles."), "ACCUSE")
    assert ev and countries(ev[0].actor) == {"DZA"} and countries(ev[0].recipient) == {"MAR"}


def test_a_participle_set_off_by_commas_describes_the_subject_it_was_done_to(events_of):
    """"Le président ukrainien, reçu mardi à Paris, a demandé…": received (the visitor) and the one who asks;
    "Le cessez-le-feu, salué par l'Union africaine": the agent of a bare participle salutes."""
    evs = events_of("Le président ukrainien, reçu mardi à Paris, a demandé davantage d'armes à la France.")
    visit, ask = find(evs, "CONSULT"), find(evs, "REQUEST")
    assert visit and countries(visit[0].actor) == {"UKR"} and countries(visit[0].recipient) == {"FRA"}
    assert ask and countries(ask[0].actor) == {"UKR"}
    hail = find(events_of("Le cessez-le-feu, salué par l'Union africaine, est entré en vigueur lundi."), "SUPPORT")
    assert hail and [a.name for a in hail[0].actor] == ["African Union"]


def test_a_participle_tagged_as_a_noun_after_its_auxiliary_is_a_verb(events_of):
    ev = find(events_of("Le chancelier allemand a téléphoné jeudi au président turc pour évoquer Gaza."), "CONSULT")
    assert ev and ev[0].mode == "phone" and countries(ev[0].actor) == {"DEU", "TUR"}


def test_a_speech_participle_is_no_incise_its_object_is_no_speaker(events_of):
    """"Le Kremlin dément, dénonçant un complot": the plot is what is denounced; the Kremlin denounces it."""
    ev = find(events_of("Le Kremlin dément fermement, dénonçant un complot occidental contre la Russie."), "ACCUSE")
    assert ev and [a.text for a in ev[0].actor] == ["Le Kremlin"]


def test_guilt_said_of_a_party_is_an_accusation_of_it(events_of):
    ev = find(events_of("Les experts britanniques estiment que la Russie est coupable de l'empoisonnement."), "ACCUSE")
    assert ev and countries(ev[0].recipient) == {"RUS"}


def test_a_thing_in_the_de_complement_of_an_event_noun_is_no_uncoded_doer(events_of):
    """"la livraison de chars": the tanks are what is delivered; the clause's subject delivers them."""
    ev = find(events_of("Berlin a finalement autorisé mercredi la livraison de chars Leopard à l'Ukraine."), "AID")
    assert ev and countries(ev[0].actor) == {"DEU"} and countries(ev[0].recipient) == {"UKR"}
