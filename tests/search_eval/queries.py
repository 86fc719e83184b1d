"""The search evaluation set: realistic queries judged by meaning against the demo catalogue.

Each query has a class (base, inflected, compound, typo, synonym, multi-word, sv, en), a
locale and the services that truly answer it, named by the Finnish title of their demo
template (services/demo/content.py, SERVICE_TEMPLATES). The demo repeats each template
across providers and municipalities: a hit is relevant when its Finnish source title (for
a Swedish or English page, the title of the Finnish page with the same translation_key) is
in the query's set. A Swedish or English query is judged by meaning too: the services
that answer it in any language, since the API returns the Finnish version of services not
translated into the locale (isFallback).

The judgments are by hand, from each template's texts and taxonomy terms ("target group:
young people" counts for "nuorille"). tests/search_eval/run.py runs them; test_queries.py
checks that every title exists and every class has at least ten queries.
"""

from typing import NamedTuple


class Query(NamedTuple):
    cls: str
    locale: str
    text: str
    relevant: tuple[str, ...]


CLASSES = ("base", "inflected", "compound", "typo", "synonym", "multi-word", "sv", "en")

# --- the demo templates' Finnish titles ------------------------------------------------------
GROUP_JOB_SEARCH = "Työnhakuvalmennus ryhmässä"
PERSONAL_JOB_SEARCH = "Henkilökohtainen työnhakuvalmennus"
CV_WORKSHOP = "CV- ja LinkedIn-työpaja"
POP_UP = "Työnhaun pop up -piste"
RECRUITMENT_FAIR = "Rekrytointimessut työnhakijoille"
INTERVIEW = "Työhaastatteluun valmentautuminen"
JOB_CLUB = "Työnhakuklubi"
JOB_SEARCH_55 = "Työnhakuvalmennus yli 55-vuotiaille"
CAREER_GUIDANCE = "Uraohjaus"
CAREER_CHANGERS = "Alanvaihtajan uravalmennus"
ADULT_EDUCATION = "Koulutusneuvonta aikuisille"
SKILLS_ASSESSMENT = "Osaamiskartoitus"
HIGHLY_EDUCATED = "Korkeasti koulutettujen uravalmennus"
SELF_MOTIVATED_STUDIES = "Omaehtoisen opiskelun neuvonta"
WORK_ABILITY_COORDINATOR = "Työkykykoordinaattorin palvelu"
WORK_ABILITY_COACHING = "Työkykyvalmennus"
HEALTH_CHECK = "Työttömien terveystarkastus"
WORK_ABILITY_TRIAL = "Työkyvyn selvittäminen työkokeilussa"
MENTAL_WELLBEING = "Mielen hyvinvoinnin ryhmä työnhakijoille"
IPS = "IPS-työhönvalmennus"
DIGITAL_SKILLS = "Digitaitojen starttikurssi"
WAREHOUSE = "Varastoalan rekrytointikoulutus"
HYGIENE = "Hygieniapassikoulutus ja -testi"
SAFETY_CARD = "Työturvallisuuskorttikoulutus"
SOFTWARE = "Ohjelmistokehityksen täsmäkoulutus"
CARE_ASSISTANT = "Hoiva-avustajakoulutus"
CONSTRUCTION = "Rakennusalan perehdytyskoulutus"
OFFICE_SOFTWARE = "Toimisto-ohjelmien perusteet"
FINNISH_FOR_WORK = "Suomen kieltä työelämään"
INTEGRATION_TRAINING = "Työelämäpainotteinen kotoutumiskoulutus"
MULTILINGUAL_GUIDANCE = "Monikielinen työnhaun neuvonta"
CARE_LANGUAGE = "Hoiva-alan ammattikielen kurssi"
SWEDISH_FOR_WORK = "Ruotsia työelämään"
FOREIGN_DEGREE = "Ulkomaisen tutkinnon tunnustamisen neuvonta"
YOUTH_POINT = "Nuorten matalan kynnyksen ohjauspiste"
YOUTH_WORKSHOP = "Nuorten työpajatoiminta"
SUMMER_JOB = "Kesätyöseteli"
YOUTH_OUTREACH = "Nuorten jalkautuva työnhakuvalmennus"
CAREER_CHOICE_YOUTH = "Ammatinvalinnan ryhmä nuorille"
APPRENTICESHIP_YOUTH = "Oppisopimusneuvonta nuorille"
RECRUITMENT_SERVICE = "Rekrytointipalvelu työnantajille"
PAY_SUBSIDY_ADVICE = "Palkkatuen neuvonta työnantajille"
JOINT_PURCHASE = "Rekrytointikoulutus yhteishankintana"
CHANGE_SECURITY = "Muutosturvan palvelut työnantajille"
DIVERSITY = "Monimuotoisen työyhteisön valmennus"
APPRENTICESHIP_EMPLOYERS = "Oppisopimusneuvonta työnantajille"
RECRUITMENT_EVENT = "Rekrytointitilaisuus työnantajalle"
SME_SPARRING = "Osaamisen kehittämisen sparraus pk-yrityksille"
INTERNATIONAL_RECRUITMENT = "Kansainvälisen rekrytoinnin tuki"
WORK_ABILITY_MANAGEMENT = "Työkykyjohtamisen valmennus esihenkilöille"
BUSINESS_ADVICE = "Yrittäjyysneuvonta"
START_UP_GRANT = "Starttirahan neuvonta"
BECOMING_ENTREPRENEUR = "Yrittäjäksi-valmennus"
LIGHT_ENTREPRENEURSHIP = "Kevytyrittäjyyden infotilaisuus"
SUBSIDISED_CITY_JOB = "Palkkatuettu työ kaupungin yksiköissä"
WORK_TRIAL = "Työkokeilu"
JOB_COACHING = "Työhönvalmennus työpaikalla"
SUPPORT_HIRING_55 = "Työllistämistuki yli 55-vuotiaan palkkaamiseen"
REHAB_WORKSHOP = "Kuntouttava työtoiminta työpajassa"
EVERYDAY_SKILLS = "Arjen taidot -ryhmä"
REHAB_RECYCLING = "Kuntouttava työtoiminta kierrätyskeskuksessa"

# --- sets that several queries share -----------------------------------------------------------
CAREER = (CAREER_GUIDANCE, CAREER_CHANGERS, HIGHLY_EDUCATED)
ENTREPRENEURSHIP = (BUSINESS_ADVICE, START_UP_GRANT, BECOMING_ENTREPRENEUR, LIGHT_ENTREPRENEURSHIP)
STARTING_A_BUSINESS = (BUSINESS_ADVICE, START_UP_GRANT, BECOMING_ENTREPRENEUR)
APPRENTICESHIP = (APPRENTICESHIP_YOUTH, APPRENTICESHIP_EMPLOYERS)
# Category "Työkyvyn tuki" and the employers' work ability management.
WORK_ABILITY = (
    WORK_ABILITY_COORDINATOR,
    WORK_ABILITY_COACHING,
    HEALTH_CHECK,
    WORK_ABILITY_TRIAL,
    MENTAL_WELLBEING,
    IPS,
    WORK_ABILITY_MANAGEMENT,
)
MENTAL_HEALTH = (MENTAL_WELLBEING, IPS)
# Category "Kotoutumista tukevat palvelut".
INTEGRATION = (
    FINNISH_FOR_WORK,
    INTEGRATION_TRAINING,
    MULTILINGUAL_GUIDANCE,
    CARE_LANGUAGE,
    SWEDISH_FOR_WORK,
    FOREIGN_DEGREE,
)
FOR_IMMIGRANTS = INTEGRATION + (SKILLS_ASSESSMENT,)
LANGUAGE_COURSES = (FINNISH_FOR_WORK, INTEGRATION_TRAINING, CARE_LANGUAGE, SWEDISH_FOR_WORK)
FINNISH_COURSES = (FINNISH_FOR_WORK, INTEGRATION_TRAINING, CARE_LANGUAGE)
# Target group "Alle 30-vuotiaat nuoret" (the youth services and the others aimed at them).
YOUTH = (
    MENTAL_WELLBEING,
    HYGIENE,
    CONSTRUCTION,
    YOUTH_POINT,
    YOUTH_WORKSHOP,
    SUMMER_JOB,
    YOUTH_OUTREACH,
    CAREER_CHOICE_YOUTH,
    APPRENTICESHIP_YOUTH,
    LIGHT_ENTREPRENEURSHIP,
    WORK_TRIAL,
    JOB_COACHING,
)
# Target group "Lomautetut" or the client's situation "Olen lomautettu".
LAID_OFF = (
    PERSONAL_JOB_SEARCH,
    RECRUITMENT_FAIR,
    CAREER_GUIDANCE,
    CAREER_CHANGERS,
    SAFETY_CARD,
    OFFICE_SOFTWARE,
    CHANGE_SECURITY,
    BUSINESS_ADVICE,
    START_UP_GRANT,
)
# Target group "Yli 55-vuotiaat".
OVER_55 = (
    GROUP_JOB_SEARCH,
    JOB_SEARCH_55,
    WORK_ABILITY_COACHING,
    DIGITAL_SKILLS,
    OFFICE_SOFTWARE,
    BECOMING_ENTREPRENEUR,
    SUBSIDISED_CITY_JOB,
    SUPPORT_HIRING_55,
)
# Audience "Työnantaja".
EMPLOYERS = (
    SUMMER_JOB,
    RECRUITMENT_SERVICE,
    PAY_SUBSIDY_ADVICE,
    JOINT_PURCHASE,
    CHANGE_SECURITY,
    DIVERSITY,
    APPRENTICESHIP_EMPLOYERS,
    RECRUITMENT_EVENT,
    SME_SPARRING,
    INTERNATIONAL_RECRUITMENT,
    WORK_ABILITY_MANAGEMENT,
    SUPPORT_HIRING_55,
)
EMPLOYER_RECRUITMENT = (
    RECRUITMENT_SERVICE,
    JOINT_PURCHASE,
    RECRUITMENT_EVENT,
    INTERNATIONAL_RECRUITMENT,
)
RECRUITMENT = EMPLOYER_RECRUITMENT + (WAREHOUSE, RECRUITMENT_FAIR)
PAY_SUBSIDY = (PAY_SUBSIDY_ADVICE, SUBSIDISED_CITY_JOB, SUPPORT_HIRING_55)
REHABILITATIVE = (REHAB_WORKSHOP, EVERYDAY_SKILLS, REHAB_RECYCLING)
REHABILITATION = REHABILITATIVE + (WORK_ABILITY_COORDINATOR, WORK_ABILITY_TRIAL, IPS)
# Category "Työnhaun tuki" and the other job search coaching and guidance.
JOB_SEARCH_HELP = (
    GROUP_JOB_SEARCH,
    PERSONAL_JOB_SEARCH,
    CV_WORKSHOP,
    POP_UP,
    RECRUITMENT_FAIR,
    INTERVIEW,
    JOB_CLUB,
    JOB_SEARCH_55,
    MULTILINGUAL_GUIDANCE,
    YOUTH_OUTREACH,
)
YOUTH_JOB_SEARCH = (YOUTH_POINT, YOUTH_WORKSHOP, SUMMER_JOB, YOUTH_OUTREACH)
APPLICATIONS = (CV_WORKSHOP, GROUP_JOB_SEARCH, POP_UP)
CV = (CV_WORKSHOP, GROUP_JOB_SEARCH)
INTERVIEWS = (INTERVIEW, GROUP_JOB_SEARCH)
COMPUTER_SKILLS = (DIGITAL_SKILLS, OFFICE_SOFTWARE)
CARE_SECTOR = (CARE_ASSISTANT, CARE_LANGUAGE)
INTEGRATION_COURSES = (INTEGRATION_TRAINING, FINNISH_FOR_WORK)
WORKSHOPS = (YOUTH_WORKSHOP, REHAB_WORKSHOP, CV_WORKSHOP, WORK_ABILITY_TRIAL)
HEALTH_AND_WORK_ABILITY = (
    WORK_ABILITY_COORDINATOR,
    WORK_ABILITY_COACHING,
    HEALTH_CHECK,
    WORK_ABILITY_TRIAL,
)

Q = Query
QUERIES: list[Query] = [
    # --- base: the word in its base form, as it stands in the texts or labels ---------------
    Q("base", "fi", "uraohjaus", CAREER),
    Q("base", "fi", "kesätyöseteli", (SUMMER_JOB,)),
    Q("base", "fi", "oppisopimus", APPRENTICESHIP),
    Q("base", "fi", "terveystarkastus", (HEALTH_CHECK,)),
    Q("base", "fi", "yrittäjyys", ENTREPRENEURSHIP),
    Q("base", "fi", "ansioluettelo", CV),
    Q("base", "fi", "työhaastattelu", INTERVIEWS),
    Q("base", "fi", "kotoutuminen", INTEGRATION),
    Q("base", "fi", "työkyky", WORK_ABILITY),
    Q("base", "fi", "lomautus", LAID_OFF),
    Q("base", "fi", "trukkikortti", (WAREHOUSE,)),
    Q("base", "fi", "työturvallisuuskortti", (SAFETY_CARD,)),
    Q("base", "fi", "kierrätyskeskus", (REHAB_RECYCLING,)),
    Q("base", "fi", "vertaistuki", (MENTAL_WELLBEING, GROUP_JOB_SEARCH)),
    Q("base", "fi", "muutosturva", (CHANGE_SECURITY,)),
    # --- inflected: a case or number form of a word that the texts have in another form -----
    Q("inflected", "fi", "uraohjaukseen", CAREER),
    Q("inflected", "fi", "oppisopimuksella", APPRENTICESHIP),
    Q("inflected", "fi", "yrittäjäksi", ENTREPRENEURSHIP),
    Q("inflected", "fi", "nuorille", YOUTH),
    Q("inflected", "fi", "terveystarkastukseen", (HEALTH_CHECK,)),
    Q("inflected", "fi", "kuntoutukseen", REHABILITATION),
    Q("inflected", "fi", "rekrytointiin", RECRUITMENT),
    Q("inflected", "fi", "työpajoissa", WORKSHOPS),
    Q("inflected", "fi", "kotoutumiskoulutukseen", INTEGRATION_COURSES),
    Q("inflected", "fi", "ammatinvalinnassa", (CAREER_CHOICE_YOUTH, CAREER_GUIDANCE)),
    Q("inflected", "fi", "lomautetuille", LAID_OFF),
    Q("inflected", "fi", "työnantajille", EMPLOYERS),
    Q("inflected", "fi", "palkkatukea", PAY_SUBSIDY),
    Q("inflected", "fi", "tunnustamisesta", (FOREIGN_DEGREE,)),
    Q("inflected", "fi", "digitaitoja", COMPUTER_SKILLS),
    Q("inflected", "fi", "vertaisryhmään", (MENTAL_WELLBEING, GROUP_JOB_SEARCH)),
    # --- compound: a part of a compound of the texts, or a compound of their words ----------
    Q("compound", "fi", "kortti", (WAREHOUSE, SAFETY_CARD)),
    Q("compound", "fi", "seteli", (SUMMER_JOB,)),
    Q("compound", "fi", "tarkastus", (HEALTH_CHECK,)),
    Q("compound", "fi", "messut", (RECRUITMENT_FAIR,)),
    Q("compound", "fi", "kartoitus", (SKILLS_ASSESSMENT, SME_SPARRING)),
    Q("compound", "fi", "koordinaattori", (WORK_ABILITY_COORDINATOR,)),
    Q("compound", "fi", "klubi", (JOB_CLUB,)),
    Q("compound", "fi", "avustaja", (CARE_ASSISTANT,)),
    Q("compound", "fi", "perehdytys", (CONSTRUCTION, DIVERSITY, INTERNATIONAL_RECRUITMENT)),
    Q("compound", "fi", "ohjelmistokoulutus", (SOFTWARE, OFFICE_SOFTWARE)),
    Q("compound", "fi", "kielikoulutus", LANGUAGE_COURSES + (CARE_ASSISTANT,)),
    Q("compound", "fi", "työnhakuryhmä", (GROUP_JOB_SEARCH, JOB_CLUB, JOB_SEARCH_55)),
    Q("compound", "fi", "kotoutumiskurssi", INTEGRATION_COURSES),
    Q("compound", "fi", "yrittäjyysvalmennus", (BECOMING_ENTREPRENEUR, BUSINESS_ADVICE)),
    Q("compound", "fi", "hoivatyö", CARE_SECTOR),
    Q("compound", "fi", "varastotyö", (WAREHOUSE,)),
    Q("compound", "fi", "rakennustyö", (CONSTRUCTION, SAFETY_CARD)),
    # --- typo: a slip of the keyboard, or ä/ö typed without dots -----------------------------
    Q("typo", "fi", "uraohjuas", CAREER),
    Q("typo", "fi", "oppisopimsu", APPRENTICESHIP),
    Q("typo", "fi", "kesatyoseteli", (SUMMER_JOB,)),
    Q("typo", "fi", "yrittajyys", ENTREPRENEURSHIP),
    Q("typo", "fi", "terveystarkatus", (HEALTH_CHECK,)),
    Q("typo", "fi", "tyohaastattelu", INTERVIEWS),
    Q("typo", "fi", "ansioluetelo", CV),
    Q("typo", "fi", "tyotoiminta", REHABILITATIVE),
    Q("typo", "fi", "rekrytoiti", RECRUITMENT),
    Q("typo", "fi", "digitaiot", COMPUTER_SKILLS),
    Q("typo", "fi", "hoiva-avustja", (CARE_ASSISTANT,)),
    Q("typo", "fi", "kotoutumiskoulutsu", INTEGRATION_COURSES),
    Q("typo", "fi", "muutosturav", (CHANGE_SECURITY,)),
    Q("typo", "fi", "tyopajatoiminta", (YOUTH_WORKSHOP, REHAB_WORKSHOP)),
    # --- synonym: the need in other words than the texts use -----------------------------------
    Q("synonym", "fi", "työnhakupaperit", APPLICATIONS),
    Q("synonym", "fi", "ulkomaalainen", FOR_IMMIGRANTS),
    Q("synonym", "fi", "masennus", MENTAL_HEALTH),
    Q("synonym", "fi", "oma yritys", ENTREPRENEURSHIP),
    Q("synonym", "fi", "ikääntyneet työnhakijat", OVER_55),
    Q("synonym", "fi", "jaksaminen", (WORK_ABILITY_COACHING, MENTAL_WELLBEING)),
    Q("synonym", "fi", "ohjelmointi", (SOFTWARE,)),
    Q("synonym", "fi", "atk-kurssi", COMPUTER_SKILLS),
    Q("synonym", "fi", "työharjoittelu", (WORK_TRIAL, INTEGRATION_TRAINING, WORK_ABILITY_TRIAL)),
    Q("synonym", "fi", "työnvälitys", (RECRUITMENT_SERVICE, RECRUITMENT_EVENT, RECRUITMENT_FAIR)),
    Q("synonym", "fi", "lähihoitaja", CARE_SECTOR),
    Q("synonym", "fi", "opintotuki", (SELF_MOTIVATED_STUDIES, ADULT_EDUCATION)),
    Q("synonym", "fi", "ukrainalaiset", FOR_IMMIGRANTS),
    # --- multi-word: several words, not all of them in one service's text --------------------
    Q("multi-word", "fi", "ura ja koulutus", CAREER + (ADULT_EDUCATION, SELF_MOTIVATED_STUDIES)),
    Q("multi-word", "fi", "nuorten työnhaku", YOUTH_JOB_SEARCH),
    Q(
        "multi-word",
        "fi",
        "tukea palkkaamiseen",
        (PAY_SUBSIDY_ADVICE, SUPPORT_HIRING_55, SUMMER_JOB),
    ),
    Q("multi-word", "fi", "ulkomailla suoritettu tutkinto", (FOREIGN_DEGREE, SKILLS_ASSESSMENT)),
    Q("multi-word", "fi", "ruotsin kielen kurssi", (SWEDISH_FOR_WORK,)),
    Q("multi-word", "fi", "kurssi hoitoalalle", CARE_SECTOR),
    Q("multi-word", "fi", "työkyvyn arviointi", HEALTH_AND_WORK_ABILITY),
    Q("multi-word", "fi", "yrityksen perustaminen", STARTING_A_BUSINESS),
    Q("multi-word", "fi", "apua työnhakuun", JOB_SEARCH_HELP),
    Q("multi-word", "fi", "työnhaku omalla kielellä", (MULTILINGUAL_GUIDANCE,)),
    Q("multi-word", "fi", "kuntouttava työtoiminta", REHABILITATIVE),
    Q("multi-word", "fi", "web kehitys koulutus", (SOFTWARE,)),
    Q("multi-word", "fi", "esihenkilöiden valmennus", (WORK_ABILITY_MANAGEMENT, DIVERSITY)),
    Q("multi-word", "fi", "palkkatuettu työ", PAY_SUBSIDY),
    Q("multi-word", "fi", "terveys ja työkyky", HEALTH_AND_WORK_ABILITY),
    Q("multi-word", "fi", "mielenterveyskuntoutujan työllistyminen", (IPS, MENTAL_WELLBEING)),
    # --- sv: Swedish queries (Finnish-only services count through the fallback) -------------
    Q("sv", "sv", "karriärvägledning", CAREER),
    Q("sv", "sv", "sommarjobb", (SUMMER_JOB,)),
    Q("sv", "sv", "läroavtal", APPRENTICESHIP),
    Q("sv", "sv", "hälsoundersökning", (HEALTH_CHECK,)),
    Q("sv", "sv", "företagsrådgivning", STARTING_A_BUSINESS),
    Q("sv", "sv", "integrationsutbildning", INTEGRATION_COURSES),
    Q("sv", "sv", "arbetsverksamhet i rehabiliteringssyfte", REHABILITATIVE),
    Q("sv", "sv", "lönesubvention", PAY_SUBSIDY),
    Q("sv", "sv", "ungdomar", YOUTH),
    Q("sv", "sv", "rekrytering av personal", EMPLOYER_RECRUITMENT),
    Q("sv", "sv", "kurs i svenska", (SWEDISH_FOR_WORK,)),
    Q("sv", "sv", "permitterade", LAID_OFF),
    Q("sv", "sv", "hjälp med cv", APPLICATIONS),
    Q("sv", "sv", "psykisk ohälsa", MENTAL_HEALTH),
    Q("sv", "sv", "digitala färdigheter", COMPUTER_SKILLS),
    Q("sv", "sv", "arbetsförmåga", WORK_ABILITY),
    # --- en: English queries (likewise) -----------------------------------------------------
    Q("en", "en", "career guidance", CAREER),
    Q("en", "en", "summer job", (SUMMER_JOB,)),
    Q("en", "en", "apprenticeship", APPRENTICESHIP),
    Q("en", "en", "health check", (HEALTH_CHECK,)),
    Q("en", "en", "start a business", STARTING_A_BUSINESS),
    Q("en", "en", "integration training", INTEGRATION_COURSES),
    Q("en", "en", "rehabilitative work", REHABILITATIVE),
    Q("en", "en", "young people", YOUTH),
    Q("en", "en", "recruitment help for employers", EMPLOYER_RECRUITMENT),
    Q("en", "en", "finnish course", FINNISH_COURSES),
    Q("en", "en", "laid off", LAID_OFF),
    Q("en", "en", "interview practice", INTERVIEWS),
    Q("en", "en", "coping with stress", (MENTAL_WELLBEING, WORK_ABILITY_COACHING)),
    Q("en", "en", "computer skills", COMPUTER_SKILLS),
    Q("en", "en", "work ability", WORK_ABILITY),
    Q("en", "en", "forklift licence", (WAREHOUSE,)),
]
