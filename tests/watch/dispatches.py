"""French dispatches written by the team about real, well-known events (never copied from the press), and one
English page: the articles the test newsroom serves."""

SINGAPOUR = ("Trump et Kim se rencontrent à Singapour", "2018-06-12", [
    "Le président américain Donald Trump a rencontré mardi à Singapour le dirigeant nord-coréen Kim Jong-un, "
    "une première entre un président américain en exercice et un dirigeant de la Corée du Nord.",
    "Les deux hommes ont signé un document commun dans lequel Pyongyang s'engage à travailler à la "
    "dénucléarisation complète de la péninsule coréenne.",
    "En échange, Washington a promis des garanties de sécurité au régime nord-coréen, selon le texte rendu "
    "public à l'issue du sommet sur l'île de Sentosa.",
])

BREXIT = ("Les Britanniques votent pour quitter l'Union européenne", "2016-06-24", [
    "Les électeurs britanniques ont choisi jeudi de quitter l'Union européenne, par 51,9 % des voix, lors "
    "d'un référendum historique.",
    "Le Premier ministre David Cameron, qui avait fait campagne pour le maintien, a annoncé vendredi matin "
    "sa démission devant le 10 Downing Street.",
    "Les dirigeants européens ont demandé à Londres d'engager sans tarder la procédure de sortie prévue par "
    "l'article 50 du traité.",
])

CLIMAT = ("Accord de Paris : 195 pays adoptent un texte sur le climat", "2015-12-12", [
    "Les 195 pays réunis au Bourget pour la COP21 ont adopté samedi soir un accord destiné à contenir le "
    "réchauffement climatique bien en dessous de deux degrés.",
    "Le ministre des Affaires étrangères Laurent Fabius, qui présidait la conférence, a frappé la tribune de "
    "son marteau vert sous les applaudissements des délégués.",
    "Les pays industrialisés ont promis de mobiliser cent milliards de dollars par an pour aider les pays "
    "en développement.",
])

CLIMAT_MIS_A_JOUR = (CLIMAT[0], CLIMAT[1], [
    CLIMAT[2][0],
    "Le ministre des Affaires étrangères Laurent Fabius, qui présidait la conférence, a salué un accord "
    "« différencié, juste, durable, dynamique, équilibré et juridiquement contraignant ».",
    "Le président américain Barack Obama a félicité samedi soir les négociateurs et a appelé le Congrès à "
    "soutenir l'accord.",
    "La Chine a toutefois rejeté tout mécanisme de sanction contre les pays qui ne tiendraient pas leurs "
    "engagements.",
])

UKRAINE = ("La Russie lance une offensive militaire contre l'Ukraine", "2022-02-24", [
    "Le président russe Vladimir Poutine a ordonné jeudi à l'aube une « opération militaire spéciale » en "
    "Ukraine, et des explosions ont été entendues à Kiev, Kharkiv et Odessa.",
    "Le président ukrainien Volodymyr Zelensky a décrété la loi martiale et rompu les relations "
    "diplomatiques avec Moscou.",
    "Les dirigeants de l'Union européenne ont condamné l'attaque et ont adopté dans la nuit de nouvelles "
    "sanctions contre la Russie.",
])

NIGER = ("Niger : le président Bazoum retenu par la garde présidentielle", "2023-07-26", [
    "Des militaires de la garde présidentielle retiennent depuis mercredi matin le président nigérien "
    "Mohamed Bazoum dans sa résidence de Niamey.",
    "Dans la soirée, des officiers ont annoncé à la télévision nationale avoir renversé le président et "
    "suspendu les institutions.",
    "La Cédéao a condamné une tentative de coup d'État et a exigé la libération immédiate du chef de l'État.",
])

MACRON = ("Emmanuel Macron élu président de la République", "2017-05-07", [
    "Emmanuel Macron a remporté dimanche le second tour de l'élection présidentielle avec 66,1 % des voix "
    "face à Marine Le Pen.",
    "La candidate du Front national a reconnu sa défaite et a félicité son adversaire dans la soirée.",
    "La chancelière allemande Angela Merkel a téléphoné au président élu pour le féliciter, a indiqué "
    "son porte-parole.",
])

BOLSONARO_EN = ("Brazil elects Jair Bolsonaro as president", "2018-10-28", [
    "Brazilian voters elected the far-right former army captain Jair Bolsonaro as president on Sunday, "
    "giving him a clear victory over the Workers' Party candidate Fernando Haddad.",
    "Bolsonaro promised to fight crime and corruption and to change the direction of the country after "
    "years of recession and political turmoil.",
    "Markets rallied on the news, and leaders across the region called to congratulate the president-elect.",
])


def html(article: tuple[str, str, list[str]]) -> str:
    """A plain article page: title, date metadata, paragraphs, and the site's menu and footer around them."""
    title, date, paragraphs = article
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{title}</title>"
            f"<meta property=\"article:published_time\" content=\"{date}T08:00:00+00:00\"></head><body>"
            "<nav><a href=\"/\">Accueil</a> <a href=\"/monde\">Monde</a></nav>"
            f"<article><h1>{title}</h1>{body}</article>"
            "<footer>© La Dépêche d'essai — tous droits réservés</footer></body></html>")
