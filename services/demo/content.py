"""Demo content for Palvelumanuaali: pure data, standard library only.

The seed command combines these constants deterministically with a seeded
``random.Random`` to produce realistic demo services. Organisations, people and
addresses are invented; all business IDs (Y-tunnus) carry a valid check digit.
URLs point to ``https://www.example.fi/`` only.
"""

# ---------------------------------------------------------------------------
# Service provider organisations (palveluntuottajat). Invented organisations.
# ---------------------------------------------------------------------------

PROVIDERS = [
    {
        "name": "Uudenmaan Työvalmennus Oy",
        "slug": "tyovalmennus",
        "business_id": "2260181-9",
        "kind_fi": "osakeyhtiö",
        "municipalities": ["helsinki", "espoo", "vantaa"],
    },
    {
        "name": "Stadin Osaamiskeskus",
        "slug": "stadin-osaamiskeskus",
        "business_id": "2908301-4",
        "kind_fi": "oppilaitos",
        "municipalities": ["helsinki"],
    },
    {
        "name": "Espoon Uravalmennus Oy",
        "slug": "uravalmennus",
        "business_id": "3013186-1",
        "kind_fi": "osakeyhtiö",
        "municipalities": ["espoo"],
    },
    {
        "name": "Vantaan Työpaja ry",
        "slug": "vantaan-tyopaja",
        "business_id": "0913909-2",
        "kind_fi": "yhdistys",
        "municipalities": ["vantaa"],
    },
    {
        "name": "Keravan Työtoimintakeskus ry",
        "slug": "keravan-tyotoiminta",
        "business_id": "0708246-7",
        "kind_fi": "yhdistys",
        "municipalities": ["kerava"],
    },
    {
        "name": "Länsiuusimaalainen Työllisyysyhdistys ry",
        "name_sv": "Västnyländska sysselsättningsföreningen rf",
        "slug": "lansi-tyollisyys",
        "business_id": "0748219-6",
        "kind_fi": "yhdistys",
        "municipalities": ["raasepori"],
    },
    {
        "name": "Raaseporin Aikuisopisto",
        "name_sv": "Raseborgs vuxeninstitut",
        "slug": "aikuisopisto",
        "business_id": "2181909-0",
        "kind_fi": "oppilaitos",
        "municipalities": ["raasepori"],
    },
    {
        "name": "Rannikon Osaamissäätiö sr",
        "name_sv": "Kustens kompetensstiftelse sr",
        "slug": "rannikko",
        "business_id": "1786579-9",
        "kind_fi": "säätiö",
        "municipalities": ["raasepori", "espoo"],
    },
    {
        "name": "Polku Työhön -säätiö sr",
        "slug": "polku",
        "business_id": "3043231-4",
        "kind_fi": "säätiö",
        "municipalities": ["helsinki", "vantaa", "kerava"],
    },
    {
        "name": "Kotoutumisen Tuki ry",
        "slug": "kotoutumisen-tuki",
        "business_id": "2875749-4",
        "kind_fi": "yhdistys",
        "municipalities": ["helsinki", "espoo", "vantaa"],
    },
    {
        "name": "Digitaidot Suomi Oy",
        "slug": "digitaidot",
        "business_id": "0986252-0",
        "kind_fi": "osakeyhtiö",
        "municipalities": ["helsinki", "espoo", "vantaa", "kerava"],
    },
    {
        "name": "Nuorten Suunta ry",
        "slug": "nuorten-suunta",
        "business_id": "3018955-3",
        "kind_fi": "yhdistys",
        "municipalities": ["helsinki", "espoo"],
    },
    {
        "name": "Työkykypalvelut Kaari Oy",
        "slug": "kaari",
        "business_id": "2979711-3",
        "kind_fi": "osakeyhtiö",
        "municipalities": ["helsinki", "espoo", "vantaa", "kerava"],
    },
    {
        "name": "Uudenmaan Yrityspalvelukeskus ry",
        "name_sv": "Nylands företagstjänstcenter rf",
        "slug": "yrityspalvelu",
        "business_id": "2710497-7",
        "kind_fi": "yhdistys",
        "municipalities": ["helsinki", "espoo", "vantaa", "kerava", "raasepori"],
    },
    {
        "name": "Metropolin Rekrytointipalvelut Oy",
        "slug": "rekrytointi",
        "business_id": "2650752-0",
        "kind_fi": "osakeyhtiö",
        "municipalities": ["helsinki", "espoo", "vantaa"],
    },
    {
        "name": "Länsiväylän Ammattiopisto",
        "slug": "lansivayla",
        "business_id": "0903423-1",
        "kind_fi": "oppilaitos",
        "municipalities": ["espoo"],
    },
    {
        "name": "Tikkurilan Työllisyyssäätiö sr",
        "slug": "tikkurila",
        "business_id": "2712768-5",
        "kind_fi": "säätiö",
        "municipalities": ["vantaa"],
    },
    {
        "name": "Kallion Nuorisoverstas ry",
        "slug": "nuorisoverstas",
        "business_id": "2268465-0",
        "kind_fi": "yhdistys",
        "municipalities": ["helsinki"],
    },
    {
        "name": "Uraportti Consulting Oy",
        "slug": "uraportti",
        "business_id": "3321223-7",
        "kind_fi": "osakeyhtiö",
        "municipalities": ["helsinki", "espoo"],
    },
    {
        "name": "Ammattitaitoa Arkeen Oy",
        "slug": "arkeen",
        "business_id": "1079244-3",
        "kind_fi": "osakeyhtiö",
        "municipalities": ["vantaa", "kerava"],
    },
    {
        "name": "Meripuiston Kuntoutussäätiö sr",
        "slug": "meripuisto",
        "business_id": "0868599-9",
        "kind_fi": "säätiö",
        "municipalities": ["helsinki", "espoo"],
    },
    {
        "name": "Kielikulma Koulutus Oy",
        "slug": "kielikulma",
        "business_id": "1890786-6",
        "kind_fi": "osakeyhtiö",
        "municipalities": ["helsinki", "espoo", "vantaa"],
    },
    {
        "name": "Keski-Uudenmaan Työpajayhdistys ry",
        "slug": "keski-uusimaa",
        "business_id": "0809281-9",
        "kind_fi": "yhdistys",
        "municipalities": ["kerava", "vantaa"],
    },
    {
        "name": "Palvelualan Koulutuskeskus Oy",
        "slug": "palveluala",
        "business_id": "0839624-9",
        "kind_fi": "osakeyhtiö",
        "municipalities": ["helsinki", "espoo", "vantaa"],
    },
    {
        "name": "Rakennusalan Starttipaja ry",
        "slug": "rakennusstartti",
        "business_id": "2711777-8",
        "kind_fi": "yhdistys",
        "municipalities": ["vantaa", "helsinki"],
    },
    {
        "name": "Hoiva-alan Reitti Oy",
        "slug": "hoivareitti",
        "business_id": "3212154-4",
        "kind_fi": "osakeyhtiö",
        "municipalities": ["espoo", "helsinki", "kerava"],
    },
    {
        "name": "Logistiikkaosaajat Oy",
        "slug": "logistiikka",
        "business_id": "3280385-2",
        "kind_fi": "osakeyhtiö",
        "municipalities": ["vantaa", "kerava"],
    },
    {
        "name": "Yhteisötalo Silta ry",
        "slug": "silta",
        "business_id": "1808414-2",
        "kind_fi": "yhdistys",
        "municipalities": ["helsinki"],
    },
    {
        "name": "Tapiolan Työhönvalmennus ry",
        "slug": "tapiola",
        "business_id": "2253888-0",
        "kind_fi": "yhdistys",
        "municipalities": ["espoo"],
    },
    {
        "name": "Sukupolvisilta ry",
        "slug": "sukupolvisilta",
        "business_id": "2393363-9",
        "kind_fi": "yhdistys",
        "municipalities": ["helsinki", "espoo", "vantaa"],
    },
    {
        "name": "Koodikoulu Uusimaa Oy",
        "slug": "koodikoulu",
        "business_id": "1875004-5",
        "kind_fi": "osakeyhtiö",
        "municipalities": ["helsinki", "espoo"],
    },
    {
        "name": "Savion Työllisyyspalvelut Oy",
        "slug": "savio",
        "business_id": "2131373-5",
        "kind_fi": "osakeyhtiö",
        "municipalities": ["kerava"],
    },
    {
        "name": "Tammisaaren Työpaja ry",
        "name_sv": "Ekenäs arbetsverkstad rf",
        "slug": "tammisaari",
        "business_id": "2379907-0",
        "kind_fi": "yhdistys",
        "municipalities": ["raasepori"],
    },
    {
        "name": "Kaakkoisväylän Kuntoutus ja Valmennus Oy",
        "slug": "kaakkoisvayla",
        "business_id": "2116372-2",
        "kind_fi": "osakeyhtiö",
        "municipalities": ["helsinki", "vantaa"],
    },
]

# ---------------------------------------------------------------------------
# Partner municipalities (sopimuskumppanit). Helsinki, Espoo and Vantaa use the
# cities' real business IDs; the Kerava and Raasepori IDs are invented (valid
# check digit). Cost shares are proportional to the service counts 1.6.2024.
# ---------------------------------------------------------------------------

MUNICIPALITIES = [
    {
        "slug": "helsinki",
        "name_fi": "Helsinki",
        "name_sv": "Helsingfors",
        "name_en": "Helsinki",
        "business_id": "0201256-6",
        "cost_share": "39.47",
        "language": "fi",
        "street_names": [
            ("Työpajankatu 2", "00580"),
            ("Hämeentie 11", "00530"),
            ("Siltasaarenkatu 18", "00530"),
            ("Itäkatu 1", "00930"),
            ("Kauppakartanonkatu 7", "00930"),
            ("Malminkaari 15", "00700"),
            ("Fredrikinkatu 48", "00100"),
            ("Mannerheimintie 12", "00100"),
        ],
    },
    {
        "slug": "espoo",
        "name_fi": "Espoo",
        "name_sv": "Esbo",
        "name_en": "Espoo",
        "business_id": "0101263-6",
        "cost_share": "32.05",
        "language": "fi",
        "street_names": [
            ("Leppävaarankatu 3", "02600"),
            ("Kauppamiehentie 6", "02150"),
            ("Tapiontori 3", "02100"),
            ("Länsituulentie 4", "02100"),
            ("Espoonkatu 5", "02770"),
            ("Kamreerintie 3", "02770"),
            ("Matinkatu 6", "02230"),
            ("Lähderannantie 10", "02720"),
        ],
    },
    {
        "slug": "vantaa",
        "name_fi": "Vantaa",
        "name_sv": "Vanda",
        "name_en": "Vantaa",
        "business_id": "0124610-9",
        "cost_share": "21.36",
        "language": "fi",
        "street_names": [
            ("Asematie 3", "01300"),
            ("Tikkurilantie 44", "01300"),
            ("Kielotie 13", "01300"),
            ("Myyrmäenraitti 2", "01600"),
            ("Martinlaaksontie 36", "01620"),
            ("Hakunilantie 48", "01200"),
            ("Koivukylän puistotie 37", "01360"),
            ("Korsontie 14", "01450"),
        ],
    },
    {
        "slug": "kerava",
        "name_fi": "Kerava",
        "name_sv": "Kervo",
        "name_en": "Kerava",
        "business_id": "0779868-4",
        "cost_share": "5.04",
        "language": "fi",
        "street_names": [
            ("Kauppakaari 11", "04200"),
            ("Sampolantie 4", "04200"),
            ("Asemantie 4", "04200"),
            ("Tuusulantie 10", "04200"),
            ("Ahjontie 4", "04220"),
            ("Kultasepänkatu 7", "04250"),
            ("Palopellonkatu 10", "04250"),
            ("Savionkatu 21", "04260"),
        ],
    },
    {
        "slug": "raasepori",
        "name_fi": "Raasepori",
        "name_sv": "Raseborg",
        "name_en": "Raseborg",
        "business_id": "0139874-3",
        "cost_share": "2.08",
        "language": "sv",
        "street_names": [
            ("Raseborgsvägen 37", "10600"),
            ("Kyrkogatan 7", "10600"),
            ("Skolgatan 11", "10600"),
            ("Norra Strandgatan 3", "10600"),
            ("Köpmansgatan 13", "10300"),
            ("Bangatan 2", "10300"),
            ("Stationsvägen 8", "10300"),
            ("Pojovägen 4", "10420"),
        ],
    },
]

# Other municipalities of Uusimaa, for the municipality taxonomy.
OTHER_MUNICIPALITIES = [
    {
        "slug": "kauniainen",
        "name_fi": "Kauniainen",
        "name_sv": "Grankulla",
        "name_en": "Kauniainen",
    },
    {"slug": "hanko", "name_fi": "Hanko", "name_sv": "Hangö", "name_en": "Hanko"},
    {"slug": "inkoo", "name_fi": "Inkoo", "name_sv": "Ingå", "name_en": "Inkoo"},
    {"slug": "lohja", "name_fi": "Lohja", "name_sv": "Lojo", "name_en": "Lohja"},
    {"slug": "porvoo", "name_fi": "Porvoo", "name_sv": "Borgå", "name_en": "Porvoo"},
    {"slug": "tuusula", "name_fi": "Tuusula", "name_sv": "Tusby", "name_en": "Tuusula"},
    {"slug": "jarvenpaa", "name_fi": "Järvenpää", "name_sv": "Träskända", "name_en": "Järvenpää"},
    {
        "slug": "kirkkonummi",
        "name_fi": "Kirkkonummi",
        "name_sv": "Kyrkslätt",
        "name_en": "Kirkkonummi",
    },
    {"slug": "sipoo", "name_fi": "Sipoo", "name_sv": "Sibbo", "name_en": "Sipoo"},
    {
        "slug": "nurmijarvi",
        "name_fi": "Nurmijärvi",
        "name_sv": "Nurmijärvi",
        "name_en": "Nurmijärvi",
    },
    {"slug": "vihti", "name_fi": "Vihti", "name_sv": "Vichtis", "name_en": "Vihti"},
    {"slug": "siuntio", "name_fi": "Siuntio", "name_sv": "Sjundeå", "name_en": "Siuntio"},
    {"slug": "hyvinkaa", "name_fi": "Hyvinkää", "name_sv": "Hyvinge", "name_en": "Hyvinkää"},
    {"slug": "mantsala", "name_fi": "Mäntsälä", "name_sv": "Mäntsälä", "name_en": "Mäntsälä"},
    {"slug": "loviisa", "name_fi": "Loviisa", "name_sv": "Lovisa", "name_en": "Loviisa"},
    {"slug": "karkkila", "name_fi": "Karkkila", "name_sv": "Högfors", "name_en": "Karkkila"},
    {"slug": "askola", "name_fi": "Askola", "name_sv": "Askola", "name_en": "Askola"},
    {"slug": "pornainen", "name_fi": "Pornainen", "name_sv": "Borgnäs", "name_en": "Pornainen"},
    {"slug": "myrskyla", "name_fi": "Myrskylä", "name_sv": "Mörskom", "name_en": "Myrskylä"},
    {"slug": "pukkila", "name_fi": "Pukkila", "name_sv": "Pukkila", "name_en": "Pukkila"},
    {
        "slug": "lapinjarvi",
        "name_fi": "Lapinjärvi",
        "name_sv": "Lappträsk",
        "name_en": "Lapinjärvi",
    },
]

# ---------------------------------------------------------------------------
# Taxonomies: name -> list of (slug, fi, sv, en).
# ---------------------------------------------------------------------------

TAXONOMIES = {
    "service_category": [
        ("tyonhaun-tuki", "Työnhaun tuki", "Stöd för jobbsökning", "Job search support"),
        (
            "ura-ja-koulutusohjaus",
            "Ura- ja koulutusohjaus",
            "Karriär- och utbildningsvägledning",
            "Career and educational guidance",
        ),
        ("tyokyvyn-tuki", "Työkyvyn tuki", "Stöd för arbetsförmågan", "Work ability support"),
        (
            "osaamisen-kehittaminen",
            "Osaamisen kehittäminen",
            "Kompetensutveckling",
            "Skills development",
        ),
        (
            "kotoutuminen",
            "Kotoutumista tukevat palvelut",
            "Tjänster som stöder integration",
            "Integration services",
        ),
        ("nuorten-palvelut", "Nuorten palvelut", "Tjänster för unga", "Youth services"),
        ("tyonantajapalvelut", "Työnantajapalvelut", "Arbetsgivartjänster", "Employer services"),
        ("yrittajyys", "Yrittäjyyden tuki", "Stöd för företagande", "Entrepreneurship support"),
        (
            "palkkatuki-ja-tuettu-tyo",
            "Palkkatuki ja tuettu työ",
            "Lönesubvention och stött arbete",
            "Pay subsidy and supported employment",
        ),
        (
            "kuntouttava-tyotoiminta",
            "Kuntouttava työtoiminta",
            "Arbetsverksamhet i rehabiliteringssyfte",
            "Rehabilitative work activity",
        ),
    ],
    "client_situation": [
        ("etsin-tyota", "Etsin työtä", "Jag söker arbete", "I am looking for work"),
        (
            "haluan-vaihtaa-alaa",
            "Haluan vaihtaa alaa",
            "Jag vill byta bransch",
            "I want to change careers",
        ),
        (
            "vastavalmistunut",
            "Olen vastavalmistunut",
            "Jag har nyligen utexaminerats",
            "I have recently graduated",
        ),
        (
            "pitkaan-tyottomana",
            "Olen ollut pitkään työttömänä",
            "Jag har varit arbetslös länge",
            "I have been unemployed for a long time",
        ),
        (
            "terveys-rajoittaa",
            "Terveys rajoittaa työntekoa",
            "Min hälsa begränsar mitt arbete",
            "My health limits my ability to work",
        ),
        (
            "muuttanut-suomeen",
            "Olen muuttanut Suomeen",
            "Jag har flyttat till Finland",
            "I have moved to Finland",
        ),
        ("haluan-opiskella", "Haluan opiskella", "Jag vill studera", "I want to study"),
        ("lomautettu", "Olen lomautettu", "Jag är permitterad", "I have been temporarily laid off"),
        (
            "ryhtya-yrittajaksi",
            "Haluan ryhtyä yrittäjäksi",
            "Jag vill bli företagare",
            "I want to become an entrepreneur",
        ),
        (
            "nuori-etsii-suuntaa",
            "Olen nuori ja etsin suuntaa",
            "Jag är ung och söker min riktning",
            "I am young and looking for direction",
        ),
        (
            "tarvitsen-tyontekijan",
            "Tarvitsen työntekijän",
            "Jag behöver en arbetstagare",
            "I need an employee",
        ),
        (
            "kehittaa-henkilostoa",
            "Haluan kehittää henkilöstöäni",
            "Jag vill utveckla min personal",
            "I want to develop my staff",
        ),
        (
            "muutostilanne",
            "Muutostilanne työpaikalla",
            "Förändringssituation på arbetsplatsen",
            "Change situation at the workplace",
        ),
    ],
    "target_group": [
        (
            "pitkaaikaistyottomat",
            "Pitkäaikaistyöttömät",
            "Långtidsarbetslösa",
            "Long-term unemployed",
        ),
        (
            "kotoutumisajan-ylittaneet",
            "Kotoutumisajan ylittäneet",
            "Personer vars integrationstid har löpt ut",
            "People past the integration period",
        ),
        (
            "osatyokykyiset",
            "Osatyökykyiset",
            "Personer med partiell arbetsförmåga",
            "People with partial work ability",
        ),
        ("nuoret", "Alle 30-vuotiaat nuoret", "Unga under 30 år", "Young people under 30"),
        ("yli-55", "Yli 55-vuotiaat", "Personer över 55 år", "People over 55"),
        ("maahan-muuttaneet", "Maahan muuttaneet", "Invandrare", "Immigrants"),
        ("vastavalmistuneet", "Vastavalmistuneet", "Nyutexaminerade", "Recent graduates"),
        (
            "korkeasti-koulutetut",
            "Korkeasti koulutetut",
            "Högutbildade",
            "Highly educated people",
        ),
        ("tyonantajat", "Työnantajat", "Arbetsgivare", "Employers"),
        ("lomautetut", "Lomautetut", "Permitterade", "Temporarily laid-off employees"),
    ],
    "audience": [
        ("job-seeker", "Työnhakija", "Arbetssökande", "Job seeker"),
        ("employer", "Työnantaja", "Arbetsgivare", "Employer"),
    ],
    "implementation_type": [
        ("lahitoteutus", "Lähitoteutus", "På plats", "On-site"),
        ("etatoteutus", "Etätoteutus", "På distans", "Remote"),
        ("monimuoto", "Monimuotototeutus", "Hybridgenomförande", "Hybrid"),
        ("verkkokurssi", "Verkkokurssi", "Webbkurs", "Online course"),
        ("yksilovalmennus", "Yksilövalmennus", "Individuell coachning", "Individual coaching"),
        ("ryhmavalmennus", "Ryhmävalmennus", "Gruppcoachning", "Group coaching"),
    ],
    "service_accessibility": [
        (
            "viittomakieli",
            "Palvelu viittomakielellä",
            "Tjänst på teckenspråk",
            "Service in sign language",
        ),
        (
            "vaatii-verkkoyhteyden",
            "Vaatii verkkoyhteyden",
            "Kräver internetuppkoppling",
            "Requires internet access",
        ),
        ("selkosuomi", "Selkosuomi", "Lättläst finska", "Plain-language Finnish"),
        ("tulkkaus", "Tulkkaus mahdollinen", "Tolkning möjlig", "Interpreting available"),
        (
            "verkkopankkitunnukset",
            "Vaatii verkkopankkitunnukset",
            "Kräver nätbankskoder",
            "Requires online banking credentials",
        ),
        ("lukutaito", "Vaatii lukutaidon", "Kräver läskunnighet", "Requires literacy"),
        ("esteeton-tila", "Esteetön tila", "Tillgänglig lokal", "Accessible premises"),
    ],
    "location_accessibility": [
        (
            "esteeton-sisaankaynti",
            "Esteetön sisäänkäynti",
            "Tillgänglig ingång",
            "Step-free entrance",
        ),
        ("hissi", "Hissi", "Hiss", "Lift"),
        ("induktiosilmukka", "Induktiosilmukka", "Hörslinga", "Induction loop"),
        (
            "invapysakointi",
            "Invapysäköinti",
            "Parkering för rörelsehindrade",
            "Accessible parking",
        ),
        ("esteeton-wc", "Esteetön wc", "Tillgänglig toalett", "Accessible toilet"),
        (
            "julkiset-liikenneyhteydet",
            "Hyvät julkiset liikenneyhteydet",
            "Goda kollektivtrafikförbindelser",
            "Good public transport connections",
        ),
    ],
    "language": [
        ("fi", "suomi", "finska", "Finnish"),
        ("sv", "ruotsi", "svenska", "Swedish"),
        ("en", "englanti", "engelska", "English"),
        ("ru", "venäjä", "ryska", "Russian"),
        ("ar", "arabia", "arabiska", "Arabic"),
        ("so", "somali", "somaliska", "Somali"),
        ("et", "viro", "estniska", "Estonian"),
        ("uk", "ukraina", "ukrainska", "Ukrainian"),
    ],
    "language_level": [
        ("a1", "Alkeet (A1)", "Nybörjarnivå (A1)", "Beginner (A1)"),
        ("a2", "Perustaso (A2)", "Grundnivå (A2)", "Elementary (A2)"),
        ("b1", "Keskitaso (B1)", "Mellannivå (B1)", "Intermediate (B1)"),
        ("b2", "Hyvä (B2)", "God nivå (B2)", "Upper intermediate (B2)"),
        ("c1", "Erinomainen (C1)", "Utmärkt nivå (C1)", "Advanced (C1)"),
        ("aidinkieli", "Äidinkieli", "Modersmål", "Native language"),
    ],
    "employment_status": [
        ("tyoton", "Työtön", "Arbetslös", "Unemployed"),
        ("lomautettu", "Lomautettu", "Permitterad", "Temporarily laid off"),
        ("tyossa", "Työssä", "I arbete", "Employed"),
        ("opiskelija", "Opiskelija", "Studerande", "Student"),
        (
            "tyovoiman-ulkopuolella",
            "Työvoiman ulkopuolella",
            "Utanför arbetskraften",
            "Outside the labour force",
        ),
        ("yrittaja", "Yrittäjä", "Företagare", "Entrepreneur"),
    ],
}

# ---------------------------------------------------------------------------
# Shared internal-instruction texts, referenced by several service templates.
# ---------------------------------------------------------------------------

OBLIGATION_CHOICES = ("binding_if_agreed", "not_binding", "always_binding")
BENEFIT_NOTE_CHOICES = (
    "allowance_during_waiting_period",
    "dissolves_work_requirement",
    "expense_compensation",
)

_OBLIGATION_IF_AGREED = (
    "Palvelu on velvoittava, jos siitä on sovittu työllistymissuunnitelmassa. Palvelusta "
    "kieltäytyminen tai sen keskeyttäminen ilman pätevää syytä voi vaikuttaa ansiopäivärahaan "
    "tai työmarkkinatukeen."
)
_OBLIGATION_NOT_BINDING = (
    "Palvelu on asiakkaalle vapaaehtoinen. Osallistumatta jättäminen tai keskeyttäminen ei "
    "vaikuta työttömyysetuuteen."
)
_OBLIGATION_ALWAYS = (
    "Palvelu on aina velvoittava. Palvelusta kieltäytyminen tai sen keskeyttäminen ilman "
    "pätevää syytä voi johtaa työttömyysetuuden menettämiseen määräajaksi."
)
_OBLIGATION_EMPLOYER = "Työnantajapalvelu, joka ei velvoita työnhakija-asiakasta."

_STATEMENT_GIVEN = (
    "Palvelusta annetaan työvoimapoliittinen lausunto Kelalle tai työttömyyskassalle. Anna "
    "lausunto aloituksesta ja päättymisestä, jotta etuus ja kulukorvaus maksetaan oikein."
)
_STATEMENT_NONE = (
    "Palvelusta ei anneta työvoimapoliittista lausuntoa, eikä osallistuminen muuta asiakkaan "
    "työnhakijan asemaa tai työttömyysetuutta."
)
_STATEMENT_EMPLOYER = "Työnantajapalvelu, josta ei anneta työvoimapoliittista lausuntoa."

_ENTRY_SERVICE = (
    "Kirjaa palvelu asiakastietojärjestelmään työllistymissuunnitelman palveluksi ja merkitse "
    "aloitus- ja päättymispäivä sekä palveluntuottaja."
)
_ENTRY_TRAINING = (
    "Kirjaa koulutus asiakastietojärjestelmään koulutuspalveluna. Merkitse valintapäätös, "
    "aloituspäivä, suunniteltu päättymispäivä ja mahdollinen keskeytys syineen."
)
_ENTRY_NOTE = (
    "Kirjaa osallistuminen asiakastietojärjestelmään muistiinpanona. Palvelu ei muuta "
    "työnhaun tilaa eikä siitä tehdä erillistä palvelumerkintää."
)
_ENTRY_EMPLOYER = (
    "Kirjaa yhteydenotto ja sovitut toimenpiteet työnantaja-asiakkaan tietoihin. "
    "Henkilöasiakkaiden tietoihin ei tehdä merkintöjä ilman asiakkaan omaa asiointia."
)
_ENTRY_WORKPLACE = (
    "Kirjaa sopimus, jakson päivämäärät, viikkotuntimäärä ja työpaikan yhteyshenkilö "
    "asiakastietojärjestelmään ja tallenna allekirjoitettu sopimus asiakkaan asiakirjoihin."
)
_ENTRY_REHAB = (
    "Kirjaa kuntouttava työtoiminta aktivointisuunnitelmaan ja päivitä toteutuneet päivät "
    "kuukausittain palveluntuottajan läsnäoloilmoituksen perusteella."
)

_MEASURES_FOLLOW_UP = (
    "Seuraa osallistumista palveluntuottajan väliraportin perusteella ja sovi asiakkaan kanssa "
    "jatkosuunnitelmasta viimeistään kaksi viikkoa ennen palvelun päättymistä."
)
_MEASURES_LIGHT = (
    "Palvelun aikana ei tarvita erillisiä toimenpiteitä. Käy palvelun anti läpi seuraavassa "
    "työnhakukeskustelussa."
)
_MEASURES_EMPLOYER = (
    "Sovi työnantajan kanssa seurantayhteydenotosta noin kuukauden kuluttua ja kirjaa "
    "mahdolliset rekrytoinnit tai jatkotoimenpiteet."
)

_EXCEPTION_HEALTH = (
    "Jos asiakas keskeyttää palvelun terveydellisestä syystä, pyydä lääkärintodistus tai muu "
    "selvitys ja kirjaa keskeytys. Pätevästä syystä keskeyttäminen ei aiheuta seuraamusta."
)
_EXCEPTION_JOB = (
    "Jos asiakas työllistyy kesken palvelun, palvelu voidaan keskeyttää ilman seuraamuksia. "
    "Kirjaa päättymissyyksi työllistyminen."
)
_EXCEPTION_NONE = "Ei erityisiä poikkeustilanteita; toimi yleisten ohjeiden mukaisesti."

_ARCHIVE_ATTENDANCE = (
    "Palveluntuottajan toimittamat läsnäololistat ja loppuraportit arkistoidaan kunnan "
    "tiedonohjaussuunnitelman mukaisesti asiakkaan asiakirjoihin."
)
_ARCHIVE_CONTRACT = (
    "Allekirjoitettu sopimus ja palautelomake arkistoidaan sähköisesti asiakkaan asiakirjoihin. "
    "Paperiset alkuperäiset hävitetään skannauksen jälkeen tietoturvallisesti."
)

_CONSENT_PROVIDER = (
    "Pyydä asiakkaalta suullinen tai kirjallinen suostumus yhteystietojen ja "
    "työllistymissuunnitelman luovuttamiseen palveluntuottajalle ja kirjaa suostumus."
)
_CONSENT_HEALTH = (
    "Terveystietojen luovuttaminen edellyttää asiakkaan kirjallista suostumusta. Käytä "
    "sähköistä suostumuslomaketta ja tallenna se asiakkaan asiakirjoihin."
)
_CONSENT_EMPLOYER = (
    "Asiakkaan tietoja voidaan välittää työnantajalle vain hänen suostumuksellaan. Kirjaa "
    "suostumus ennen kuin annat tietoja työnantajalle."
)

_SUITS_YES = (
    "Palvelussa käytävä alkukartoituskeskustelu voidaan kirjata täydentäväksi "
    "työnhakukeskusteluksi, kun palveluntuottaja on toimittanut siitä yhteenvedon."
)
_SUITS_NO = "Palvelu ei korvaa täydentävää työnhakukeskustelua."

# ---------------------------------------------------------------------------
# Service archetypes. Keys ending in _sv (besides name_sv and
# short_description_sv) exist only for templates also offered in Swedish, and
# those ending in _en (besides name_en and short_description_en) only for templates
# whose services are also made in English (`english_strings` in the builder).
# ---------------------------------------------------------------------------

SERVICE_TEMPLATES = [
    # --- Työnhaun tuki -----------------------------------------------------
    {
        "name": "Työnhakuvalmennus ryhmässä",
        "name_sv": "Jobbsökarcoachning i grupp",
        "name_en": "Group job search coaching",
        "category": "tyonhaun-tuki",
        "audiences": ["job-seeker"],
        "situations": ["etsin-tyota", "pitkaan-tyottomana"],
        "target_groups": ["pitkaaikaistyottomat", "yli-55"],
        "implementation": ["ryhmavalmennus", "lahitoteutus"],
        "short_description": "Ryhmävalmennus, jossa päivität työnhakuasiakirjasi ja harjoittelet "
        "työhaastattelua. Saat vertaistukea muilta työnhakijoilta.",
        "short_description_sv": "Gruppcoachning där du uppdaterar dina ansökningshandlingar och "
        "övar inför anställningsintervjuer. Du får kamratstöd av andra arbetssökande.",
        "short_description_en": "Group coaching in which you update your application documents "
        "and practise job interviews, with peer support from other job seekers.",
        "description_paragraphs": [
            "Valmennus kokoontuu kuuden viikon ajan kolmena päivänä viikossa. Ryhmässä on "
            "enintään 12 osallistujaa, ja sitä ohjaa kaksi kokenutta työnhakuvalmentajaa.",
            "Valmennuksessa kartoitetaan osaamisesi, laaditaan ansioluettelo ja "
            "hakemuspohja sekä harjoitellaan työhaastattelua pareittain ja videolla. Lisäksi "
            "tutustutaan piilotyöpaikkoihin ja avoimen hakemuksen tekemiseen.",
            "Viimeisillä viikoilla jokainen osallistuja hakee aktiivisesti vähintään kolmea "
            "työpaikkaa valmentajan tuella. Lopuksi saat kirjallisen yhteenvedon ja "
            "suosituksen jatkosta.",
        ],
        "description_paragraphs_sv": [
            "Coachningen pågår i sex veckor, tre dagar i veckan. Gruppen har högst 12 deltagare "
            "och leds av två erfarna jobbsökarcoacher.",
            "Under coachningen kartläggs din kompetens, du skriver en meritförteckning och en "
            "ansökningsmall och övar anställningsintervjuer i par och på video.",
            "De sista veckorna söker varje deltagare aktivt minst tre jobb med stöd av "
            "coachen. Till sist får du en skriftlig sammanfattning och en rekommendation.",
        ],
        "description_paragraphs_en": [
            "The coaching group meets three days a week for six weeks. The group has at most "
            "12 participants and is led by two experienced job search coaches.",
            "During the coaching, your skills are mapped, you draw up a CV and an "
            "application template and you practise job interviews in pairs and on video. You "
            "will also learn about the hidden job market and how to write an open "
            "application.",
            "In the final weeks, each participant actively applies for at least three jobs "
            "with the coach's support. At the end, you receive a written summary and a "
            "recommendation for the next steps.",
        ],
        "target_group_description": "Työnhakijat, jotka ovat olleet työttöminä yli puoli vuotta "
        "ja haluavat ryhmän tukea työnhakuun.",
        "target_group_description_sv": "Arbetssökande som har varit arbetslösa i över ett "
        "halvår och vill ha stöd av en grupp i jobbsökandet.",
        "target_group_description_en": "Job seekers who have been unemployed for more than "
        "six months and want the support of a group in their job search.",
        "participation": "Palveluun ohjaudutaan oman asiantuntijan kautta. Ilmoittaudu "
        "aloitusinfoon, jossa sovitaan valmennuksen aloituspäivä.",
        "participation_sv": "Du hänvisas till tjänsten av din egen sakkunniga. Anmäl dig till "
        "startinfon där startdagen för coachningen avtalas.",
        "participation_en": "You are referred to the service by your own employment "
        "specialist. Sign up for the introductory session, where the start date of the "
        "coaching is agreed.",
        "requirements": "Olet ilmoittautunut työnhakijaksi ja sinulla on voimassa oleva "
        "työllistymissuunnitelma. Suomen kielen taito vähintään tasolla A2.",
        "requirements_sv": "Du är anmäld som arbetssökande och har en giltig sysselsättningsplan. "
        "Kunskaper i finska eller svenska minst på nivå A2.",
        "requirements_en": "You are registered as a job seeker and have a valid employment "
        "plan. Finnish language skills at least at level A2.",
        "benefits": "Saat ajantasaiset hakemusasiakirjat, varmuutta haastatteluihin ja "
        "verkoston muista työnhakijoista.",
        "benefits_sv": "Du får uppdaterade ansökningshandlingar, säkerhet inför intervjuer och "
        "ett nätverk av andra arbetssökande.",
        "benefits_en": "You get up-to-date application documents, confidence for interviews "
        "and a network of other job seekers.",
        "age": None,
        "free": True,
        "duration_hint": "6 viikkoa, 3 päivää viikossa klo 9–14",
        "duration_hint_en": "6 weeks, 3 days a week from 9:00 to 14:00",
        "referral": "Ohjaa asiakas palveluun sähköisellä lähetelomakkeella ja liitä lähetteeseen "
        "työllistymissuunnitelman tavoitteet. Palveluntuottaja ottaa yhteyttä viikon sisällä.",
        "specialist_prerequisites": "Varmista, että asiakkaan työnhaku on voimassa ja ettei "
        "hänellä ole samanaikaisesti muuta kokopäiväistä palvelua.",
        "obligation": "binding_if_agreed",
        "obligation_text": _OBLIGATION_IF_AGREED,
        "statement": True,
        "statement_text": _STATEMENT_GIVEN,
        "benefit_notes": ["allowance_during_waiting_period", "expense_compensation"],
        "client_system_entries": _ENTRY_SERVICE,
        "measures_during_participation": _MEASURES_FOLLOW_UP,
        "exceptions": _EXCEPTION_JOB,
        "suits_job_search_conversation": True,
        "suits_job_search_text": _SUITS_YES,
        "archiving": _ARCHIVE_ATTENDANCE,
        "client_consent": True,
        "consent_instructions": _CONSENT_PROVIDER,
    },
    {
        "name": "Henkilökohtainen työnhakuvalmennus",
        "name_sv": "Individuell jobbsökarcoachning",
        "name_en": "Personal job search coaching",
        "category": "tyonhaun-tuki",
        "audiences": ["job-seeker"],
        "situations": ["etsin-tyota", "haluan-vaihtaa-alaa"],
        "target_groups": ["pitkaaikaistyottomat", "korkeasti-koulutetut", "lomautetut"],
        "implementation": ["yksilovalmennus", "monimuoto"],
        "short_description": "Yksilöllinen valmennus, jossa valmentaja tukee sinua "
        "työnhaussa ja työpaikkojen löytämisessä viikoittaisissa tapaamisissa.",
        "short_description_sv": "Individuell coachning där en coach stöder dig i jobbsökandet "
        "och i att hitta lediga jobb vid veckovisa möten.",
        "short_description_en": "One-to-one coaching in which a coach supports your job search "
        "and helps you find vacancies in weekly meetings.",
        "description_paragraphs": [
            "Valmennus alkaa alkukartoituksella, jossa käydään läpi työhistoriasi, osaamisesi ja "
            "tavoitteesi. Sen pohjalta laaditaan henkilökohtainen työnhakusuunnitelma.",
            "Tapaat valmentajaa kerran viikossa joko kasvokkain tai etäyhteydellä. Valmentaja "
            "auttaa kohdentamaan hakemukset, etsii kanssasi sopivia työpaikkoja ja voi olla "
            "suoraan yhteydessä työnantajiin suostumuksellasi.",
            "Valmennus päättyy loppukeskusteluun, jonka yhteenveto toimitetaan omalle "
            "asiantuntijallesi.",
        ],
        "description_paragraphs_sv": [
            "Coachningen börjar med en kartläggning av din arbetshistoria, kompetens och dina "
            "mål. Utifrån den görs en personlig jobbsökarplan.",
            "Du träffar coachen en gång i veckan på plats eller på distans. Coachen hjälper "
            "dig att rikta ansökningarna och kan med ditt samtycke kontakta arbetsgivare.",
            "Coachningen avslutas med ett slutsamtal, vars sammanfattning skickas till din "
            "sakkunniga.",
        ],
        "target_group_description": "Työnhakijat, jotka hyötyvät yksilöllisestä tuesta ja "
        "selkeästä työnhaun suunnitelmasta.",
        "target_group_description_sv": "Arbetssökande som har nytta av individuellt stöd och en "
        "tydlig plan för jobbsökandet.",
        "participation": "Asiantuntija ohjaa sinut palveluun. Valmentaja soittaa sinulle ja "
        "sopii ensimmäisen tapaamisen.",
        "participation_sv": "Din sakkunniga hänvisar dig till tjänsten. Coachen ringer dig och "
        "avtalar om det första mötet.",
        "requirements": "Olet työtön tai lomautettu työnhakija ja sitoudut tapaamisiin koko "
        "valmennuksen ajan.",
        "requirements_sv": "Du är arbetslös eller permitterad arbetssökande och förbinder dig "
        "att delta i mötena under hela coachningen.",
        "benefits": "Saat henkilökohtaista tukea, ohjausta työpaikkojen etsintään ja "
        "mahdollisuuden suoriin työnantajakontakteihin.",
        "benefits_sv": "Du får personligt stöd, handledning i att hitta jobb och möjlighet till "
        "direkta kontakter med arbetsgivare.",
        "age": None,
        "free": True,
        "duration_hint": "3 kuukautta, tapaaminen kerran viikossa",
        "referral": "Tee lähete sähköisellä lähetelomakkeella ja kuvaa lyhyesti asiakkaan "
        "tavoiteammatit. Palveluntuottaja vahvistaa aloituksen sähköpostilla.",
        "specialist_prerequisites": "Palvelu soveltuu asiakkaalle, jolla on realistinen "
        "ammatillinen tavoite. Jos tavoite on epäselvä, ohjaa ensin uraohjaukseen.",
        "obligation": "binding_if_agreed",
        "obligation_text": _OBLIGATION_IF_AGREED,
        "statement": True,
        "statement_text": _STATEMENT_GIVEN,
        "benefit_notes": ["allowance_during_waiting_period"],
        "client_system_entries": _ENTRY_SERVICE,
        "measures_during_participation": _MEASURES_FOLLOW_UP,
        "exceptions": _EXCEPTION_JOB,
        "suits_job_search_conversation": True,
        "suits_job_search_text": _SUITS_YES,
        "archiving": "",
        "client_consent": True,
        "consent_instructions": _CONSENT_EMPLOYER,
    },
    {
        "name": "CV- ja LinkedIn-työpaja",
        "name_sv": "Verkstad för cv och LinkedIn",
        "name_en": "CV and LinkedIn workshop",
        "category": "tyonhaun-tuki",
        "audiences": ["job-seeker"],
        "situations": ["etsin-tyota", "vastavalmistunut"],
        "target_groups": ["vastavalmistuneet", "korkeasti-koulutetut"],
        "implementation": ["etatoteutus", "ryhmavalmennus"],
        "short_description": "Kahden iltapäivän etätyöpaja, jossa päivität ansioluettelosi ja "
        "rakennat ammatillisen verkkoprofiilin.",
        "short_description_sv": "En distansverkstad på två eftermiddagar där du uppdaterar ditt "
        "cv och bygger en professionell profil på nätet.",
        "short_description_en": "A remote workshop over two afternoons where you update your CV "
        "and build a professional online profile.",
        "description_paragraphs": [
            "Ensimmäisenä iltapäivänä käydään läpi, millainen ansioluettelo erottuu "
            "rekrytoijan silmissä ja miten osaaminen kuvataan tuloksina.",
            "Toisena iltapäivänä rakennetaan tai päivitetään LinkedIn-profiili: otsikko, "
            "tiivistelmä, suositukset ja verkostoituminen. Valmentaja kommentoi jokaisen "
            "osallistujan profiilin työpajan jälkeen.",
        ],
        "target_group_description": "Työnhakijat, jotka haluavat päivittää hakuasiakirjansa ja "
        "näkyä paremmin rekrytoijille.",
        "participation": "Ilmoittaudu suoraan palveluntuottajan ilmoittautumislomakkeella. "
        "Saat osallistumislinkin sähköpostiisi.",
        "requirements": "Tietokone ja verkkoyhteys. Ota mukaan nykyinen ansioluettelosi.",
        "benefits": "Saat valmiin ansioluettelon ja verkkoprofiilin sekä henkilökohtaista "
        "palautetta.",
        "age": None,
        "free": True,
        "duration_hint": "2 iltapäivää, 3 tuntia kerrallaan",
        "referral": "Asiakas ilmoittautuu itse. Kerro asiakkaalle ilmoittautumislinkki ja kirjaa "
        "suositus työllistymissuunnitelmaan.",
        "specialist_prerequisites": "Ei erityisiä edellytyksiä. Varmista, että asiakkaalla on "
        "laite ja verkkoyhteys.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_NOT_BINDING,
        "statement": False,
        "statement_text": _STATEMENT_NONE,
        "benefit_notes": [],
        "client_system_entries": _ENTRY_NOTE,
        "measures_during_participation": _MEASURES_LIGHT,
        "exceptions": _EXCEPTION_NONE,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "",
        "client_consent": False,
        "consent_instructions": "",
    },
    {
        "name": "Työnhaun pop up -piste",
        "name_sv": "Pop up-punkt för jobbsökning",
        "name_en": "Job search pop-up desk",
        "category": "tyonhaun-tuki",
        "audiences": ["job-seeker"],
        "situations": ["etsin-tyota", "muuttanut-suomeen"],
        "target_groups": ["maahan-muuttaneet", "pitkaaikaistyottomat"],
        "implementation": ["lahitoteutus"],
        "short_description": "Matalan kynnyksen neuvontapiste kirjastossa, josta saat apua "
        "työpaikkailmoitusten etsimiseen ja hakemusten tekemiseen ilman ajanvarausta.",
        "short_description_sv": "En lågtröskelpunkt i biblioteket där du utan tidsbokning får "
        "hjälp att hitta jobbannonser och skriva ansökningar.",
        "short_description_en": "A drop-in desk at the library where you get help finding job "
        "advertisements and writing applications without an appointment.",
        "description_paragraphs": [
            "Pop up -piste on avoinna kahtena päivänä viikossa kirjaston tiloissa. Neuvojat "
            "auttavat työpaikkojen etsimisessä, hakemuksen kirjoittamisessa ja sähköisessä "
            "asioinnissa.",
            "Voit tulla paikalle yksin tai tulkin kanssa. Neuvontaa annetaan suomeksi, "
            "englanniksi ja tarvittaessa muilla kielillä etätulkin avulla.",
        ],
        "target_group_description": "Kaikki työnhakijat, erityisesti ne, jotka tarvitsevat apua "
        "sähköiseen asiointiin.",
        "participation": "Tule paikalle aukioloaikana. Ajanvarausta ei tarvita.",
        "requirements": "Ei edellytyksiä.",
        "benefits": "Saat nopeasti apua yksittäiseen hakemukseen tai asiointiin.",
        "age": None,
        "free": True,
        "duration_hint": "Jatkuva, ti ja to klo 12–16",
        "referral": "Kerro asiakkaalle pop up -pisteen aukioloajat. Lähetettä ei tarvita.",
        "specialist_prerequisites": "Ei edellytyksiä.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_NOT_BINDING,
        "statement": False,
        "statement_text": _STATEMENT_NONE,
        "benefit_notes": [],
        "client_system_entries": "Merkintää ei tarvita.",
        "measures_during_participation": _MEASURES_LIGHT,
        "exceptions": _EXCEPTION_NONE,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "",
        "client_consent": False,
        "consent_instructions": "",
    },
    {
        "name": "Rekrytointimessut työnhakijoille",
        "name_sv": "Rekryteringsmässa för arbetssökande",
        "name_en": "Recruitment fair for job seekers",
        "category": "tyonhaun-tuki",
        "audiences": ["job-seeker"],
        "situations": ["etsin-tyota", "vastavalmistunut", "lomautettu"],
        "target_groups": ["vastavalmistuneet", "lomautetut"],
        "implementation": ["lahitoteutus"],
        "short_description": "Tapahtuma, jossa tapaat kymmeniä työnantajia, joilla on avoimia "
        "työpaikkoja. Voit jättää hakemuksen paikan päällä.",
        "short_description_sv": "Ett evenemang där du träffar tiotals arbetsgivare med lediga "
        "jobb. Du kan lämna in en ansökan på plats.",
        "short_description_en": "An event where you meet dozens of employers with open "
        "vacancies. You can submit an application on site.",
        "description_paragraphs": [
            "Messuilla on mukana työnantajia muun muassa kaupan, logistiikan, hoiva-alan ja "
            "rakentamisen aloilta. Osa työnantajista haastattelee hakijoita paikan päällä.",
            "Ennen messuja järjestetään valmistautumisinfo, jossa harjoitellaan lyhyttä "
            "esittäytymistä ja tarkistetaan ansioluettelo.",
        ],
        "target_group_description": "Työnhakijat, jotka ovat valmiita aloittamaan työt pian.",
        "participation": "Tapahtumaan ei tarvitse ilmoittautua. Ota mukaan ansioluettelo.",
        "requirements": "Ei edellytyksiä.",
        "benefits": "Tapaat työnantajia kasvokkain ja voit päästä haastatteluun samana päivänä.",
        "age": None,
        "free": True,
        "duration_hint": "Yksi päivä, klo 10–15",
        "referral": "Suosittele tapahtumaa asiakkaille, joiden osaaminen vastaa mukana olevien "
        "työnantajien tarpeita. Näytteilleasettajien lista julkaistaan viikkoa ennen.",
        "specialist_prerequisites": "Ei edellytyksiä.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_NOT_BINDING,
        "statement": False,
        "statement_text": _STATEMENT_NONE,
        "benefit_notes": [],
        "client_system_entries": _ENTRY_NOTE,
        "measures_during_participation": _MEASURES_LIGHT,
        "exceptions": _EXCEPTION_NONE,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "",
        "client_consent": False,
        "consent_instructions": "",
    },
    {
        "name": "Työhaastatteluun valmentautuminen",
        "name_sv": "Förberedelse inför anställningsintervju",
        "name_en": "Job interview preparation",
        "category": "tyonhaun-tuki",
        "audiences": ["job-seeker"],
        "situations": ["etsin-tyota", "vastavalmistunut"],
        "target_groups": ["vastavalmistuneet", "maahan-muuttaneet"],
        "implementation": ["yksilovalmennus", "etatoteutus"],
        "short_description": "Yksi tai kaksi tapaamista, joissa harjoittelet tulevaa "
        "työhaastattelua valmentajan kanssa ja saat palautetta.",
        "short_description_sv": "En eller två träffar där du övar inför en kommande intervju "
        "med en coach och får respons.",
        "short_description_en": "One or two sessions in which you rehearse an upcoming job "
        "interview with a coach and receive feedback.",
        "description_paragraphs": [
            "Valmentaja käy kanssasi läpi haettavan tehtävän ja työnantajan ja laatii "
            "harjoituskysymykset juuri siihen haastatteluun.",
            "Harjoitushaastattelu voidaan tallentaa, jolloin näet itse esiintymisesi. Saat "
            "konkreettisia vinkkejä vahvuuksien kertomiseen ja palkkatoiveen esittämiseen.",
        ],
        "target_group_description": "Työnhakijat, jotka ovat saaneet kutsun työhaastatteluun "
        "tai odottavat sellaista lähiaikoina.",
        "participation": "Varaa aika palveluntuottajan ajanvarauksesta. Kerro varauksessa "
        "haastattelun ajankohta.",
        "requirements": "Olet ilmoittautunut työnhakijaksi.",
        "benefits": "Menet haastatteluun valmistautuneena ja itsevarmana.",
        "age": None,
        "free": True,
        "duration_hint": "1–2 tapaamista, 60 min",
        "referral": "Asiakas varaa ajan itse. Kiireellisissä tapauksissa voit pyytää aikaa "
        "palveluntuottajan yhteyshenkilöltä sähköpostitse.",
        "specialist_prerequisites": "Ei erityisiä edellytyksiä.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_NOT_BINDING,
        "statement": False,
        "statement_text": _STATEMENT_NONE,
        "benefit_notes": [],
        "client_system_entries": _ENTRY_NOTE,
        "measures_during_participation": _MEASURES_LIGHT,
        "exceptions": _EXCEPTION_NONE,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "",
        "client_consent": False,
        "consent_instructions": "",
    },
    {
        "name": "Työnhakuklubi",
        "name_sv": "Jobbklubb",
        "name_en": "Job club",
        "category": "tyonhaun-tuki",
        "audiences": ["job-seeker"],
        "situations": ["etsin-tyota", "pitkaan-tyottomana"],
        "target_groups": ["pitkaaikaistyottomat", "kotoutumisajan-ylittaneet"],
        "implementation": ["ryhmavalmennus", "lahitoteutus"],
        "short_description": "Viikoittain kokoontuva ryhmä, jossa haetaan töitä yhdessä "
        "ohjaajan tuella ja jaetaan vinkkejä avoimista paikoista.",
        "short_description_sv": "En grupp som träffas varje vecka för att söka jobb tillsammans "
        "med stöd av en handledare.",
        "short_description_en": "A weekly group where participants search for jobs together "
        "with a facilitator and share tips on vacancies.",
        "description_paragraphs": [
            "Klubi kokoontuu joka tiistai kolmen tunnin ajan. Jokaisella kerralla on lyhyt "
            "teemaosuus, esimerkiksi soittaminen työnantajalle tai työnhaku somessa.",
            "Loppuaika käytetään omaan työnhakuun. Ohjaaja auttaa hakemuksissa, ja "
            "osallistujat vinkkaavat toisilleen löytämistään työpaikoista.",
        ],
        "target_group_description": "Työnhakijat, jotka kaipaavat säännöllisyyttä ja yhteisöä "
        "työnhakuun.",
        "participation": "Voit tulla mukaan milloin tahansa. Ilmoita ohjaajalle ensimmäisestä "
        "käynnistä etukäteen.",
        "requirements": "Ei edellytyksiä.",
        "benefits": "Työnhakuun tulee rytmi, ja saat tukea ja vinkkejä muilta.",
        "age": None,
        "free": True,
        "duration_hint": "Jatkuva, tiistaisin klo 9–12",
        "referral": "Kerro asiakkaalle klubin aikataulusta ja ohjaajan yhteystiedoista. "
        "Lähetettä ei tarvita.",
        "specialist_prerequisites": "Ei edellytyksiä.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_NOT_BINDING,
        "statement": False,
        "statement_text": _STATEMENT_NONE,
        "benefit_notes": [],
        "client_system_entries": _ENTRY_NOTE,
        "measures_during_participation": _MEASURES_LIGHT,
        "exceptions": _EXCEPTION_NONE,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "",
        "client_consent": False,
        "consent_instructions": "",
    },
    {
        "name": "Työnhakuvalmennus yli 55-vuotiaille",
        "name_sv": "Jobbsökarcoachning för personer över 55 år",
        "name_en": "Job search coaching for people over 55",
        "category": "tyonhaun-tuki",
        "audiences": ["job-seeker"],
        "situations": ["etsin-tyota", "pitkaan-tyottomana"],
        "target_groups": ["yli-55", "pitkaaikaistyottomat"],
        "implementation": ["ryhmavalmennus", "monimuoto"],
        "short_description": "Kokeneille työnhakijoille suunnattu valmennus, jossa pitkä "
        "työkokemus muutetaan vahvuudeksi työnhaussa.",
        "short_description_sv": "Coachning för erfarna arbetssökande där en lång arbetserfarenhet "
        "görs till en styrka i jobbsökandet.",
        "short_description_en": "Coaching for experienced job seekers that turns a long work "
        "history into a strength in the job search.",
        "description_paragraphs": [
            "Valmennuksessa tunnistetaan vuosien aikana kertynyt osaaminen ja päivitetään "
            "se nykyisen työelämän kielelle. Käsitellään myös ikään liittyviä ennakkoluuloja.",
            "Ryhmä tapaa kaksi kertaa viikossa, ja lisäksi jokainen saa kolme "
            "yksilötapaamista. Tutustutaan myös työllistämistukeen, jota työnantaja voi saada "
            "yli 55-vuotiaan palkkaamiseen.",
        ],
        "target_group_description": "Yli 55-vuotiaat työnhakijat, jotka haluavat palata "
        "työelämään.",
        "participation": "Ohjaus tapahtuu oman asiantuntijan kautta.",
        "requirements": "Olet 55 vuotta täyttänyt työtön työnhakija.",
        "benefits": "Saat selkeän kuvan osaamisestasi ja keinot kertoa siitä työnantajalle.",
        "age": (55, 67),
        "free": True,
        "duration_hint": "8 viikkoa, 2 päivää viikossa",
        "referral": "Ohjaa asiakas sähköisellä lähetelomakkeella. Mainitse lähetteessä, jos "
        "asiakas on oikeutettu työllistämistukeen.",
        "specialist_prerequisites": "Asiakkaan tulee olla 55 vuotta täyttänyt ja työtön.",
        "obligation": "binding_if_agreed",
        "obligation_text": _OBLIGATION_IF_AGREED,
        "statement": True,
        "statement_text": _STATEMENT_GIVEN,
        "benefit_notes": ["allowance_during_waiting_period", "expense_compensation"],
        "client_system_entries": _ENTRY_SERVICE,
        "measures_during_participation": _MEASURES_FOLLOW_UP,
        "exceptions": _EXCEPTION_HEALTH,
        "suits_job_search_conversation": True,
        "suits_job_search_text": _SUITS_YES,
        "archiving": _ARCHIVE_ATTENDANCE,
        "client_consent": True,
        "consent_instructions": _CONSENT_PROVIDER,
    },
    # --- Ura- ja koulutusohjaus --------------------------------------------
    {
        "name": "Uraohjaus",
        "name_sv": "Karriärvägledning",
        "name_en": "Career guidance",
        "category": "ura-ja-koulutusohjaus",
        "audiences": ["job-seeker"],
        "situations": ["haluan-vaihtaa-alaa", "haluan-opiskella"],
        "target_groups": ["korkeasti-koulutetut", "lomautetut"],
        "implementation": ["yksilovalmennus", "monimuoto"],
        "short_description": "Psykologin tai uraohjaajan kanssa käytävät keskustelut, joissa "
        "selkiytät ammatillisia tavoitteitasi ja suunnittelet seuraavat askeleet.",
        "short_description_sv": "Samtal med en psykolog eller karriärvägledare där du klargör "
        "dina yrkesmål och planerar nästa steg.",
        "short_description_en": "Discussions with a psychologist or career counsellor to clarify "
        "your professional goals and plan your next steps.",
        "description_paragraphs": [
            "Uraohjaus sopii, kun mietit alanvaihtoa, koulutukseen hakeutumista tai "
            "terveydentilan vuoksi uutta suuntaa. Ohjaaja käyttää tarvittaessa "
            "kiinnostuksen ja soveltuvuuden arviointimenetelmiä.",
            "Tapaamisia on yleensä 2–5. Niiden välillä teet tehtäviä, kuten tutustut "
            "ammatteihin tai haastattelet alan työntekijää.",
            "Lopuksi laaditaan kirjallinen urasuunnitelma, joka liitetään "
            "työllistymissuunnitelmaasi.",
        ],
        "description_paragraphs_sv": [
            "Karriärvägledning passar när du funderar på att byta bransch, söka till utbildning "
            "eller behöver en ny riktning av hälsoskäl.",
            "Det blir vanligen 2–5 träffar. Mellan träffarna gör du uppgifter, till exempel "
            "bekantar dig med yrken eller intervjuar någon som arbetar i branschen.",
            "Till sist görs en skriftlig karriärplan som fogas till din sysselsättningsplan.",
        ],
        "target_group_description": "Työnhakijat ja lomautetut, joiden ammatillinen suunta on "
        "epäselvä tai muuttumassa.",
        "target_group_description_sv": "Arbetssökande och permitterade vars yrkesinriktning är "
        "oklar eller håller på att förändras.",
        "participation": "Asiantuntija varaa sinulle ensimmäisen ajan.",
        "participation_sv": "Din sakkunniga bokar den första tiden åt dig.",
        "requirements": "Olet asiakkaana työllisyyspalveluissa.",
        "requirements_sv": "Du är kund hos sysselsättningstjänsterna.",
        "benefits": "Saat realistisen ja toteutettavan urasuunnitelman.",
        "benefits_sv": "Du får en realistisk och genomförbar karriärplan.",
        "age": None,
        "free": True,
        "duration_hint": "2–5 tapaamista 1–2 kuukauden aikana",
        "referral": "Varaa asiakkaalle aika uraohjaajan yhteiskalenterista ja kirjaa "
        "ohjauksen syy ja kysymykset, joihin asiakas hakee vastausta.",
        "specialist_prerequisites": "Jos taustalla on terveydellisiä rajoitteita, liitä "
        "ajanvaraukseen tieto mahdollisista lausunnoista asiakkaan suostumuksella.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_NOT_BINDING,
        "statement": False,
        "statement_text": _STATEMENT_NONE,
        "benefit_notes": [],
        "client_system_entries": _ENTRY_SERVICE,
        "measures_during_participation": "Päivitä työllistymissuunnitelma uraohjaajan "
        "laatiman urasuunnitelman perusteella.",
        "exceptions": _EXCEPTION_NONE,
        "suits_job_search_conversation": True,
        "suits_job_search_text": "Uraohjauksen tapaaminen voidaan kirjata täydentäväksi "
        "työnhakukeskusteluksi, jos siinä on käsitelty työnhakua.",
        "archiving": "",
        "client_consent": True,
        "consent_instructions": _CONSENT_HEALTH,
    },
    {
        "name": "Alanvaihtajan uravalmennus",
        "name_sv": "Karriärcoachning för branschbytare",
        "name_en": "Career coaching for career changers",
        "category": "ura-ja-koulutusohjaus",
        "audiences": ["job-seeker"],
        "situations": ["haluan-vaihtaa-alaa", "lomautettu"],
        "target_groups": ["lomautetut", "korkeasti-koulutetut"],
        "implementation": ["ryhmavalmennus", "monimuoto"],
        "short_description": "Ryhmävalmennus alanvaihtoa harkitseville: siirrettävän osaamisen "
        "tunnistaminen, kokeilut ja suunnitelma uudelle alalle.",
        "short_description_sv": "Gruppcoachning för dig som överväger att byta bransch: "
        "överförbar kompetens, försök och en plan för den nya branschen.",
        "short_description_en": "Group coaching for people considering a career change: "
        "transferable skills, trials and a plan for the new field.",
        "description_paragraphs": [
            "Valmennus auttaa tunnistamaan, mitä nykyisestä osaamisestasi voi hyödyntää uudella "
            "alalla ja mitä täydennyskoulutusta tarvitset.",
            "Osana valmennusta teet lyhyen tutustumisjakson tai haastattelet alan "
            "ammattilaisia. Valmennus päättyy henkilökohtaiseen siirtymäsuunnitelmaan.",
        ],
        "target_group_description": "Työnhakijat ja lomautetut, joiden nykyisellä alalla on "
        "vähän työmahdollisuuksia.",
        "participation": "Ohjaus oman asiantuntijan kautta. Ryhmät alkavat kuukausittain.",
        "requirements": "Työkokemusta vähintään kolme vuotta jollakin alalla.",
        "benefits": "Selkeä suunnitelma alanvaihtoon ja tieto sopivista koulutuksista.",
        "age": None,
        "free": True,
        "duration_hint": "5 viikkoa, 2 päivää viikossa",
        "referral": "Tee lähete sähköisellä lähetelomakkeella ja liitä tieto asiakkaan "
        "aiemmasta ammatista ja kiinnostuksen kohteista.",
        "specialist_prerequisites": "Tarkista, onko asiakkaalla jo hyväksytty "
        "koulutussuunnitelma; silloin valmennus ei yleensä ole tarpeen.",
        "obligation": "binding_if_agreed",
        "obligation_text": _OBLIGATION_IF_AGREED,
        "statement": True,
        "statement_text": _STATEMENT_GIVEN,
        "benefit_notes": ["allowance_during_waiting_period", "expense_compensation"],
        "client_system_entries": _ENTRY_SERVICE,
        "measures_during_participation": _MEASURES_FOLLOW_UP,
        "exceptions": _EXCEPTION_JOB,
        "suits_job_search_conversation": True,
        "suits_job_search_text": _SUITS_YES,
        "archiving": _ARCHIVE_ATTENDANCE,
        "client_consent": True,
        "consent_instructions": _CONSENT_PROVIDER,
    },
    {
        "name": "Koulutusneuvonta aikuisille",
        "name_sv": "Utbildningsrådgivning för vuxna",
        "name_en": "Educational guidance for adults",
        "category": "ura-ja-koulutusohjaus",
        "audiences": ["job-seeker"],
        "situations": ["haluan-opiskella", "haluan-vaihtaa-alaa"],
        "target_groups": ["pitkaaikaistyottomat", "maahan-muuttaneet"],
        "implementation": ["lahitoteutus", "etatoteutus"],
        "short_description": "Neuvontaa aikuisten koulutusmahdollisuuksista, hakemisesta ja "
        "opiskelun rahoittamisesta.",
        "short_description_sv": "Rådgivning om utbildningsmöjligheter för vuxna, ansökan och "
        "finansiering av studier.",
        "short_description_en": "Guidance on adult education opportunities, applying and "
        "financing your studies.",
        "description_paragraphs": [
            "Koulutusneuvoja kertoo ammatillisesta koulutuksesta, oppisopimuksesta, "
            "työvoimakoulutuksesta ja korkeakoulujen avoimista opinnoista.",
            "Neuvonnassa selvitetään myös, voitko opiskella työttömyysetuudella tuettuna ja "
            "miten aiempi osaaminen voidaan tunnustaa.",
        ],
        "description_paragraphs_sv": [
            "Utbildningsrådgivaren berättar om yrkesutbildning, läroavtal, "
            "arbetskraftsutbildning och öppna studier vid högskolor.",
            "Under rådgivningen utreds också om du kan studera med stöd av "
            "arbetslöshetsförmån och hur tidigare kunnande kan erkännas.",
        ],
        "target_group_description": "Aikuiset, jotka harkitsevat opiskelua tai tutkinnon "
        "täydentämistä.",
        "target_group_description_sv": "Vuxna som överväger att studera eller komplettera sin "
        "examen.",
        "participation": "Varaa aika verkosta tai soita neuvontanumeroon.",
        "participation_sv": "Boka tid på nätet eller ring rådgivningsnumret.",
        "requirements": "Ei edellytyksiä.",
        "requirements_sv": "Inga förutsättningar.",
        "benefits": "Tiedät, mitkä koulutusvaihtoehdot sopivat sinulle ja miten haet niihin.",
        "benefits_sv": "Du vet vilka utbildningsalternativ som passar dig och hur du söker.",
        "age": None,
        "free": True,
        "duration_hint": "Yksi 45 minuutin tapaaminen",
        "referral": "Asiakas varaa ajan itse. Voit myös lähettää yhteydenottopyynnön "
        "koulutusneuvojalle sähköisellä lomakkeella.",
        "specialist_prerequisites": "Ei edellytyksiä.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_NOT_BINDING,
        "statement": False,
        "statement_text": _STATEMENT_NONE,
        "benefit_notes": [],
        "client_system_entries": _ENTRY_NOTE,
        "measures_during_participation": _MEASURES_LIGHT,
        "exceptions": _EXCEPTION_NONE,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "",
        "client_consent": False,
        "consent_instructions": "",
    },
    {
        "name": "Osaamiskartoitus",
        "name_sv": "Kompetenskartläggning",
        "name_en": "Skills assessment",
        "category": "ura-ja-koulutusohjaus",
        "audiences": ["job-seeker"],
        "situations": ["etsin-tyota", "muuttanut-suomeen"],
        "target_groups": ["maahan-muuttaneet", "kotoutumisajan-ylittaneet"],
        "implementation": ["yksilovalmennus", "lahitoteutus"],
        "short_description": "Kartoitus, jossa osaamisesi ja aiempi koulutuksesi tunnistetaan ja "
        "kuvataan suomalaisen työelämän käsittein.",
        "short_description_sv": "En kartläggning där din kompetens och tidigare utbildning "
        "identifieras och beskrivs med begrepp från finländskt arbetsliv.",
        "short_description_en": "An assessment in which your skills and previous education are "
        "identified and described in terms used in Finnish working life.",
        "description_paragraphs": [
            "Kartoitus tehdään haastatteluna ja käytännön tehtävinä omalla äidinkielelläsi tai "
            "tulkin avulla. Tarvittaessa tehdään lyhyt näyttö työpajassa.",
            "Tuloksena saat osaamistodistuksen, jossa kuvataan ammattitaitosi ja "
            "suositellaan sopivia työtehtäviä tai täydentäviä opintoja.",
        ],
        "target_group_description": "Maahan muuttaneet, joiden osaamista ei ole vielä "
        "tunnistettu Suomessa.",
        "participation": "Asiantuntija ohjaa sinut kartoitukseen.",
        "requirements": "Olet työtön työnhakija.",
        "benefits": "Osaamistodistus, jota voit käyttää työnhaussa ja koulutukseen hakiessa.",
        "age": None,
        "free": True,
        "duration_hint": "2–4 viikkoa",
        "referral": "Ohjaa sähköisellä lähetelomakkeella ja merkitse asiakkaan kielitarve. "
        "Palveluntuottaja tilaa tulkin.",
        "specialist_prerequisites": "Tarkista asiakkaan kotoutumissuunnitelman tilanne ennen "
        "lähetettä.",
        "obligation": "binding_if_agreed",
        "obligation_text": _OBLIGATION_IF_AGREED,
        "statement": True,
        "statement_text": _STATEMENT_GIVEN,
        "benefit_notes": ["expense_compensation"],
        "client_system_entries": _ENTRY_SERVICE,
        "measures_during_participation": "Liitä osaamistodistus asiakkaan asiakirjoihin ja "
        "päivitä suunnitelma sen suositusten mukaisesti.",
        "exceptions": _EXCEPTION_HEALTH,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": _ARCHIVE_ATTENDANCE,
        "client_consent": True,
        "consent_instructions": _CONSENT_PROVIDER,
    },
    {
        "name": "Korkeasti koulutettujen uravalmennus",
        "name_sv": "Karriärcoachning för högutbildade",
        "name_en": "Career coaching for highly educated job seekers",
        "category": "ura-ja-koulutusohjaus",
        "audiences": ["job-seeker"],
        "situations": ["etsin-tyota", "vastavalmistunut"],
        "target_groups": ["korkeasti-koulutetut", "vastavalmistuneet"],
        "implementation": ["ryhmavalmennus", "etatoteutus"],
        "short_description": "Valmennus korkeakoulutetuille: asiantuntijaosaamisen "
        "tuotteistaminen, verkostot ja piilotyöpaikat.",
        "short_description_sv": "Coachning för högutbildade: att paketera expertkunnande, "
        "nätverk och dolda jobb.",
        "short_description_en": "Coaching for graduates: packaging expert skills, networking "
        "and the hidden job market.",
        "description_paragraphs": [
            "Valmennus koostuu kuudesta teematapaamisesta, joissa käsitellään asiantuntijan "
            "työnhakua, henkilöbrändiä ja verkostoitumista.",
            "Jokainen osallistuja tekee mentorin kanssa toimintasuunnitelman ja osallistuu "
            "vähintään yhteen yritysvierailuun.",
        ],
        "target_group_description": "Korkeakoulututkinnon suorittaneet työnhakijat.",
        "participation": "Ilmoittaudu palveluntuottajan verkkolomakkeella; asiantuntija "
        "vahvistaa osallistumisen.",
        "requirements": "Korkeakoulututkinto ja vähintään B2-tason suomen tai englannin taito.",
        "benefits": "Asiantuntijaprofiili, mentorin tuki ja uusia kontakteja.",
        "age": None,
        "free": True,
        "duration_hint": "6 viikkoa, kerran viikossa",
        "referral": "Vahvista asiakkaan ilmoittautuminen palveluntuottajalle sähköpostilla ja "
        "kirjaa palvelu suunnitelmaan.",
        "specialist_prerequisites": "Tarkista tutkinto ja kielitaito ennen vahvistusta.",
        "obligation": "binding_if_agreed",
        "obligation_text": _OBLIGATION_IF_AGREED,
        "statement": True,
        "statement_text": _STATEMENT_GIVEN,
        "benefit_notes": ["allowance_during_waiting_period"],
        "client_system_entries": _ENTRY_SERVICE,
        "measures_during_participation": _MEASURES_FOLLOW_UP,
        "exceptions": _EXCEPTION_JOB,
        "suits_job_search_conversation": True,
        "suits_job_search_text": _SUITS_YES,
        "archiving": "",
        "client_consent": True,
        "consent_instructions": _CONSENT_PROVIDER,
    },
    {
        "name": "Omaehtoisen opiskelun neuvonta",
        "name_sv": "Rådgivning om frivilliga studier",
        "name_en": "Guidance on self-motivated studies",
        "category": "ura-ja-koulutusohjaus",
        "audiences": ["job-seeker"],
        "situations": ["haluan-opiskella"],
        "target_groups": ["pitkaaikaistyottomat", "kotoutumisajan-ylittaneet"],
        "implementation": ["etatoteutus"],
        "short_description": "Neuvontaa siitä, voitko opiskella päätoimisesti "
        "työttömyysetuudella tuettuna ja miten tuki haetaan.",
        "short_description_sv": "Rådgivning om huruvida du kan studera på heltid med stöd av "
        "arbetslöshetsförmån och hur stödet söks.",
        "short_description_en": "Advice on whether you can study full-time with unemployment "
        "benefit and how to apply for the support.",
        "description_paragraphs": [
            "Neuvoja käy kanssasi läpi tuen edellytykset: ikä, koulutustarve ja "
            "opintojen päätoimisuus. Lisäksi selvitetään opintojen aikataulu ja "
            "opintosuoritusten seuranta.",
            "Saat ohjeet hakemuksen tekemiseen ja tiedon, mitä liitteitä tarvitaan.",
        ],
        "target_group_description": "Vähintään 25-vuotiaat työnhakijat, jotka aikovat aloittaa "
        "opinnot.",
        "participation": "Puhelinaika varataan verkossa.",
        "requirements": "Olet vähintään 25-vuotias ja ilmoittautunut työnhakijaksi ennen "
        "opintojen alkua.",
        "benefits": "Tiedät, täyttyvätkö tuen edellytykset ennen kuin aloitat opinnot.",
        "age": (25, 67),
        "free": True,
        "duration_hint": "30 minuutin puhelinaika",
        "referral": "Pyydä asiakasta varaamaan aika. Omaehtoisen opiskelun tuen päätös tehdään "
        "asiakastietojärjestelmässä erillisen ohjeen mukaan.",
        "specialist_prerequisites": "Tarkista, että työnhaku on ollut voimassa ennen opintojen "
        "alkamista.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_NOT_BINDING,
        "statement": True,
        "statement_text": "Omaehtoisen opiskelun tukemisesta annetaan työvoimapoliittinen "
        "lausunto, kun tukipäätös on tehty.",
        "benefit_notes": ["expense_compensation"],
        "client_system_entries": _ENTRY_NOTE,
        "measures_during_participation": "Seuraa opintojen edistymistä lukukausittain "
        "toimitettavan opintorekisteriotteen perusteella.",
        "exceptions": "Jos opinnot keskeytyvät, asiakkaan on ilmoitettava siitä välittömästi; "
        "anna muutoksesta uusi lausunto.",
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "Opintorekisteriotteet arkistoidaan asiakkaan asiakirjoihin.",
        "client_consent": False,
        "consent_instructions": "",
    },
    # --- Työkyvyn tuki -----------------------------------------------------
    {
        "name": "Työkykykoordinaattorin palvelu",
        "name_sv": "Arbetsförmågekoordinatorns tjänst",
        "name_en": "Work ability coordinator service",
        "category": "tyokyvyn-tuki",
        "audiences": ["job-seeker"],
        "situations": ["terveys-rajoittaa", "pitkaan-tyottomana"],
        "target_groups": ["osatyokykyiset", "pitkaaikaistyottomat"],
        "implementation": ["yksilovalmennus"],
        "short_description": "Työkykykoordinaattori selvittää kanssasi, miten terveys vaikuttaa "
        "työkykyysi, ja ohjaa tarvittaviin tutkimuksiin ja kuntoutukseen.",
        "short_description_sv": "Arbetsförmågekoordinatorn utreder med dig hur hälsan påverkar "
        "din arbetsförmåga och hänvisar dig till undersökningar och rehabilitering.",
        "short_description_en": "A work ability coordinator works out with you how your health "
        "affects your ability to work and refers you to examinations and rehabilitation.",
        "description_paragraphs": [
            "Koordinaattori kokoaa yhteen terveydenhuollon, sosiaalipalveluiden ja "
            "työllisyyspalveluiden tiedot ja laatii kanssasi työkykysuunnitelman.",
            "Tarvittaessa koordinaattori ohjaa sinut terveystarkastukseen, työkyvyn "
            "arviointiin, ammatilliseen kuntoutukseen tai etuusasioissa Kelaan.",
            "Tuki kestää, kunnes jatkopolku on selvä ja sovittu palvelu alkanut.",
        ],
        "target_group_description": "Työnhakijat, joiden terveydentila tai työkyvyn "
        "rajoitteet vaikeuttavat työllistymistä.",
        "participation": "Asiantuntija tekee sinulle lähetteen koordinaattorille.",
        "requirements": "Työkyvyn rajoite, joka vaatii selvittämistä.",
        "benefits": "Selkeä työkykysuunnitelma ja oikea palvelu tai etuus.",
        "age": None,
        "free": True,
        "duration_hint": "3–6 kuukautta, tapaamiset sovitusti",
        "referral": "Tee sisäinen lähete työkykykoordinaattorille asiakastietojärjestelmässä "
        "ja kuvaa lyhyesti asiakkaan tilanne ja aiemmat selvitykset.",
        "specialist_prerequisites": "Keskustele asiakkaan kanssa työkyvystä ja pyydä suostumus "
        "terveystietojen käsittelyyn ennen lähetettä.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_NOT_BINDING,
        "statement": False,
        "statement_text": _STATEMENT_NONE,
        "benefit_notes": [],
        "client_system_entries": "Kirjaa työkykykoordinaation aloitus asiakkaan tietoihin. "
        "Terveystietoja ei kirjata vapaatekstikenttiin.",
        "measures_during_participation": "Osallistu tarvittaessa verkostopalaveriin ja päivitä "
        "työllistymissuunnitelma työkykysuunnitelman mukaiseksi.",
        "exceptions": "Jos asiakas on pitkällä sairauslomalla, työnhaku voidaan keskeyttää; "
        "sovi koordinaattorin kanssa seurannasta.",
        "suits_job_search_conversation": True,
        "suits_job_search_text": "Koordinaattorin tapaaminen voidaan kirjata täydentäväksi "
        "työnhakukeskusteluksi.",
        "archiving": "",
        "client_consent": True,
        "consent_instructions": _CONSENT_HEALTH,
    },
    {
        "name": "Työkykyvalmennus",
        "name_sv": "Arbetsförmågecoachning",
        "name_en": "Work ability coaching",
        "category": "tyokyvyn-tuki",
        "audiences": ["job-seeker"],
        "situations": ["terveys-rajoittaa", "pitkaan-tyottomana"],
        "target_groups": ["osatyokykyiset", "yli-55"],
        "implementation": ["ryhmavalmennus", "yksilovalmennus"],
        "short_description": "Valmennus, jossa vahvistat työkykyäsi, arjen rytmiä ja "
        "jaksamista ja suunnittelet paluuta työelämään.",
        "short_description_sv": "Coachning där du stärker din arbetsförmåga, vardagsrytm och "
        "ork och planerar återgången till arbetslivet.",
        "short_description_en": "Coaching to strengthen your work ability, daily rhythm and "
        "wellbeing and to plan your return to work.",
        "description_paragraphs": [
            "Valmennus yhdistää ryhmätapaamiset ja yksilöohjauksen. Aiheina ovat uni, liikunta, "
            "stressinhallinta ja omien voimavarojen tunnistaminen.",
            "Fysioterapeutti ja työkykyvalmentaja arvioivat yhdessä kanssasi, millainen työ "
            "ja työaika sopivat sinulle. Tavoitteena on realistinen jatkosuunnitelma.",
        ],
        "description_paragraphs_sv": [
            "Coachningen kombinerar gruppträffar och individuell handledning. Teman är sömn, "
            "motion, stresshantering och att känna igen sina resurser.",
            "En fysioterapeut och en coach bedömer tillsammans med dig vilket arbete och "
            "vilken arbetstid som passar dig. Målet är en realistisk fortsatt plan.",
        ],
        "target_group_description": "Työnhakijat, joiden työkyky on heikentynyt.",
        "target_group_description_sv": "Arbetssökande vars arbetsförmåga är nedsatt.",
        "participation": "Ohjaus oman asiantuntijan tai työkykykoordinaattorin kautta.",
        "participation_sv": "Du hänvisas av din sakkunniga eller arbetsförmågekoordinatorn.",
        "requirements": "Sitoutuminen valmennukseen kolmena päivänä viikossa.",
        "requirements_sv": "Du förbinder dig att delta tre dagar i veckan.",
        "benefits": "Parempi jaksaminen ja selkeä käsitys sopivasta työstä.",
        "benefits_sv": "Bättre ork och en tydlig bild av vilket arbete som passar dig.",
        "age": None,
        "free": True,
        "duration_hint": "10 viikkoa, 3 päivää viikossa",
        "referral": "Ohjaa sähköisellä lähetelomakkeella. Liitä asiakkaan suostumuksella "
        "tiedossa olevat työkykyä koskevat lausunnot.",
        "specialist_prerequisites": "Palvelu ei sovellu akuutissa kriisissä olevalle; ohjaa "
        "silloin ensin terveydenhuoltoon.",
        "obligation": "binding_if_agreed",
        "obligation_text": _OBLIGATION_IF_AGREED,
        "statement": True,
        "statement_text": _STATEMENT_GIVEN,
        "benefit_notes": ["allowance_during_waiting_period", "expense_compensation"],
        "client_system_entries": _ENTRY_SERVICE,
        "measures_during_participation": _MEASURES_FOLLOW_UP,
        "exceptions": _EXCEPTION_HEALTH,
        "suits_job_search_conversation": True,
        "suits_job_search_text": _SUITS_YES,
        "archiving": _ARCHIVE_ATTENDANCE,
        "client_consent": True,
        "consent_instructions": _CONSENT_HEALTH,
    },
    {
        "name": "Työttömien terveystarkastus",
        "name_sv": "Hälsoundersökning för arbetslösa",
        "name_en": "Health check for unemployed people",
        "category": "tyokyvyn-tuki",
        "audiences": ["job-seeker"],
        "situations": ["terveys-rajoittaa", "pitkaan-tyottomana"],
        "target_groups": ["pitkaaikaistyottomat", "osatyokykyiset"],
        "implementation": ["lahitoteutus"],
        "short_description": "Terveydenhoitajan tekemä terveystarkastus, jossa arvioidaan "
        "terveydentilaa ja työkykyä.",
        "short_description_sv": "En hälsoundersökning hos en hälsovårdare där hälsotillståndet "
        "och arbetsförmågan bedöms.",
        "short_description_en": "A health check by a public health nurse assessing your health "
        "and work ability.",
        "description_paragraphs": [
            "Tarkastuksessa mitataan perusarvot, keskustellaan elintavoista ja täytetään "
            "työkykykysely. Tarvittaessa sinut ohjataan lääkärille.",
            "Tarkastuksen tulos kirjataan terveydenhuollon järjestelmään. Työllisyyspalveluille "
            "välitetään tietoa vain suostumuksellasi.",
        ],
        "target_group_description": "Työttömät työnhakijat, joilla ei ole työterveyshuoltoa.",
        "participation": "Varaa aika terveysasemalta ja kerro olevasi työtön työnhakija.",
        "requirements": "Olet työtön.",
        "benefits": "Tieto terveydentilastasi ja tarvittaessa hoitoon pääsy.",
        "age": None,
        "free": True,
        "duration_hint": "1–2 käyntiä",
        "referral": "Kehota asiakasta varaamaan aika terveysasemalta. Suostumuksella voit "
        "lähettää yhteydenottopyynnön terveydenhoitajalle.",
        "specialist_prerequisites": "Ei edellytyksiä.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_NOT_BINDING,
        "statement": False,
        "statement_text": _STATEMENT_NONE,
        "benefit_notes": [],
        "client_system_entries": _ENTRY_NOTE,
        "measures_during_participation": _MEASURES_LIGHT,
        "exceptions": _EXCEPTION_NONE,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "",
        "client_consent": True,
        "consent_instructions": _CONSENT_HEALTH,
    },
    {
        "name": "Työkyvyn selvittäminen työkokeilussa",
        "name_sv": "Utredning av arbetsförmågan genom arbetsprövning",
        "name_en": "Work ability assessment through a work trial",
        "category": "tyokyvyn-tuki",
        "audiences": ["job-seeker"],
        "situations": ["terveys-rajoittaa"],
        "target_groups": ["osatyokykyiset"],
        "implementation": ["lahitoteutus", "yksilovalmennus"],
        "short_description": "Ohjattu työkokeilu, jossa selvitetään, millaiseen työhön ja "
        "kuinka pitkiin työpäiviin terveytesi riittää.",
        "short_description_sv": "En handledd arbetsprövning där man utreder vilket arbete och "
        "hur långa arbetsdagar din hälsa räcker till.",
        "short_description_en": "A supervised work trial to establish what kind of work and "
        "working hours your health allows.",
        "description_paragraphs": [
            "Työkokeilu tehdään palveluntuottajan työpajassa tai yrityksessä. Työaika alkaa "
            "4 tunnista päivässä ja sitä nostetaan vointisi mukaan.",
            "Työvalmentaja havainnoi suoriutumista ja laatii loppuraportin, jota voidaan "
            "käyttää kuntoutuksen tai eläkeselvittelyn tukena.",
        ],
        "description_paragraphs_en": [
            "The work trial takes place in the service provider's workshop or at a company. "
            "Working hours start at 4 hours a day and are increased as your health allows.",
            "A job coach observes how you manage and writes a final report that can be used "
            "to support rehabilitation or a pension assessment.",
        ],
        "target_group_description": "Työnhakijat, joiden työkyky on epäselvä.",
        "target_group_description_en": "Job seekers whose work ability is unclear.",
        "participation": "Ohjaus asiantuntijan tai työkykykoordinaattorin kautta.",
        "participation_en": "Referral through an employment specialist or a work ability "
        "coordinator.",
        "requirements": "Lääkärin arvio siitä, ettei työkokeilulle ole estettä.",
        "requirements_en": "A doctor's assessment that there is no obstacle to a work trial.",
        "benefits": "Puolueeton arvio työkyvystä ja sopivista tehtävistä.",
        "benefits_en": "An impartial assessment of your work ability and of suitable tasks.",
        "age": None,
        "free": True,
        "duration_hint": "1–3 kuukautta, 4–6 tuntia päivässä",
        "duration_hint_en": "1–3 months, 4–6 hours a day",
        "referral": "Tee työkokeilusopimus ja lähete palveluntuottajalle. Liitä lääkärin "
        "lausunto asiakkaan suostumuksella.",
        "specialist_prerequisites": "Asiakkaalla on oltava lääkärin arvio. Työkokeilun "
        "enimmäiskesto yhdessä paikassa on 6 kuukautta.",
        "obligation": "binding_if_agreed",
        "obligation_text": _OBLIGATION_IF_AGREED,
        "statement": True,
        "statement_text": _STATEMENT_GIVEN,
        "benefit_notes": ["allowance_during_waiting_period", "expense_compensation"],
        "client_system_entries": _ENTRY_WORKPLACE,
        "measures_during_participation": "Pidä väliarviointi kuukauden kohdalla valmentajan "
        "ja asiakkaan kanssa.",
        "exceptions": _EXCEPTION_HEALTH,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": _ARCHIVE_CONTRACT,
        "client_consent": True,
        "consent_instructions": _CONSENT_HEALTH,
    },
    {
        "name": "Mielen hyvinvoinnin ryhmä työnhakijoille",
        "name_sv": "Grupp för psykiskt välbefinnande för arbetssökande",
        "name_en": "Mental wellbeing group for job seekers",
        "category": "tyokyvyn-tuki",
        "audiences": ["job-seeker"],
        "situations": ["terveys-rajoittaa", "pitkaan-tyottomana"],
        "target_groups": ["pitkaaikaistyottomat", "nuoret"],
        "implementation": ["ryhmavalmennus", "lahitoteutus"],
        "short_description": "Vertaisryhmä, jossa käsitellään työttömyyden kuormittavuutta ja "
        "harjoitellaan mielen hyvinvointia tukevia taitoja.",
        "short_description_sv": "En kamratgrupp där man behandlar arbetslöshetens belastning och "
        "övar färdigheter som stöder det psykiska välbefinnandet.",
        "short_description_en": "A peer group dealing with the strain of unemployment and "
        "practising skills that support mental wellbeing.",
        "description_paragraphs": [
            "Ryhmä kokoontuu kahdeksan kertaa. Ohjaajina toimivat psykiatrinen sairaanhoitaja ja "
            "kokemusasiantuntija.",
            "Jokaisella kerralla on teema, kuten itsemyötätunto, huolten käsittely ja "
            "päivärytmi. Osallistuminen ei edellytä diagnoosia.",
        ],
        "target_group_description": "Työnhakijat, jotka kokevat työttömyyden raskaaksi.",
        "participation": "Ilmoittaudu ohjaajalle puhelimitse tai asiantuntijan kautta.",
        "requirements": "Ei edellytyksiä.",
        "benefits": "Vertaistuki ja keinoja arjessa jaksamiseen.",
        "age": None,
        "free": True,
        "duration_hint": "8 kertaa, kerran viikossa 2 tuntia",
        "referral": "Kerro asiakkaalle ryhmästä ja ilmoittautumistavasta. Lähetettä ei tarvita.",
        "specialist_prerequisites": "Jos asiakas on akuutissa kriisissä, ohjaa kriisipalveluihin.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_NOT_BINDING,
        "statement": False,
        "statement_text": _STATEMENT_NONE,
        "benefit_notes": [],
        "client_system_entries": _ENTRY_NOTE,
        "measures_during_participation": _MEASURES_LIGHT,
        "exceptions": _EXCEPTION_NONE,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "",
        "client_consent": False,
        "consent_instructions": "",
    },
    {
        "name": "IPS-työhönvalmennus",
        "name_sv": "IPS-coachning till arbete",
        "name_en": "IPS supported employment coaching",
        "category": "tyokyvyn-tuki",
        "audiences": ["job-seeker"],
        "situations": ["terveys-rajoittaa", "etsin-tyota"],
        "target_groups": ["osatyokykyiset"],
        "implementation": ["yksilovalmennus"],
        "short_description": "Sijoita ja valmenna -mallin mukainen valmennus, jossa haetaan "
        "nopeasti työtä avoimilta työmarkkinoilta mielenterveyskuntoutujille.",
        "short_description_sv": "Coachning enligt modellen Placera och coacha där man snabbt "
        "söker arbete på den öppna marknaden för mentalvårdsrehabiliterande.",
        "short_description_en": "Coaching based on the Individual Placement and Support model, "
        "seeking work quickly on the open labour market for mental health clients.",
        "description_paragraphs": [
            "IPS-valmentaja työskentelee osana hoitotiimiä ja aloittaa työnhaun heti "
            "asiakkaan omien toiveiden mukaan ilman pitkiä valmistavia jaksoja.",
            "Valmentaja tukee myös työnantajaa ja jatkaa tukea työsuhteen alettua niin "
            "kauan kuin tarvitaan.",
        ],
        "target_group_description": "Mielenterveyspalveluiden asiakkaat, jotka haluavat "
        "palkkatyöhön.",
        "participation": "Ohjaus hoitotahon tai työllisyyspalveluiden kautta.",
        "requirements": "Asiakkuus mielenterveyspalveluissa ja oma halu työllistyä.",
        "benefits": "Työpaikka omien vahvuuksien mukaan ja jatkuva tuki.",
        "age": None,
        "free": True,
        "duration_hint": "Yksilöllinen, tyypillisesti 6–12 kuukautta",
        "referral": "Sovi ohjauksesta asiakkaan hoitotahon kanssa ja tee lähete IPS-tiimille "
        "sähköisellä lähetelomakkeella.",
        "specialist_prerequisites": "Asiakkaan hoitosuhteen on oltava voimassa.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_NOT_BINDING,
        "statement": False,
        "statement_text": _STATEMENT_NONE,
        "benefit_notes": [],
        "client_system_entries": _ENTRY_SERVICE,
        "measures_during_participation": "Osallistu IPS-tiimin kanssa neljännesvuosittaiseen "
        "tilannekatsaukseen.",
        "exceptions": _EXCEPTION_HEALTH,
        "suits_job_search_conversation": True,
        "suits_job_search_text": "IPS-valmentajan tapaaminen voidaan kirjata täydentäväksi "
        "työnhakukeskusteluksi.",
        "archiving": "",
        "client_consent": True,
        "consent_instructions": _CONSENT_HEALTH,
    },
    # --- Osaamisen kehittäminen --------------------------------------------
    {
        "name": "Digitaitojen starttikurssi",
        "name_sv": "Startkurs i digitala färdigheter",
        "name_en": "Digital skills starter course",
        "category": "osaamisen-kehittaminen",
        "audiences": ["job-seeker"],
        "situations": ["etsin-tyota", "pitkaan-tyottomana"],
        "target_groups": ["yli-55", "pitkaaikaistyottomat", "maahan-muuttaneet"],
        "implementation": ["lahitoteutus", "ryhmavalmennus"],
        "short_description": "Kurssi, jolla opit käyttämään tietokonetta, sähköpostia ja "
        "verkkoasiointia työnhaussa.",
        "short_description_sv": "En kurs där du lär dig använda dator, e-post och e-tjänster i "
        "jobbsökandet.",
        "short_description_en": "A course in which you learn to use a computer, email and online "
        "services in your job search.",
        "description_paragraphs": [
            "Kurssilla harjoitellaan tiedostojen tallentamista, sähköpostin liitteitä, "
            "videopuheluita ja työpaikkailmoitusten hakua. Opetus etenee osallistujien tahdissa.",
            "Ryhmässä on enintään 10 osallistujaa, ja kurssilla on käytössä kannettavat "
            "tietokoneet. Lopuksi jokainen lähettää harjoitushakemuksen sähköisesti.",
        ],
        "description_paragraphs_sv": [
            "På kursen övar man att spara filer, skicka bilagor, ringa videosamtal och söka "
            "jobbannonser. Undervisningen framskrider i deltagarnas takt.",
            "Gruppen har högst 10 deltagare och bärbara datorer finns på plats. Till sist "
            "skickar varje deltagare en övningsansökan elektroniskt.",
        ],
        "target_group_description": "Työnhakijat, joilla on vähän kokemusta tietokoneen käytöstä.",
        "target_group_description_sv": "Arbetssökande som har lite erfarenhet av att använda "
        "dator.",
        "participation": "Ilmoittaudu palveluntuottajalle tai pyydä asiantuntijaa "
        "ilmoittamaan sinut.",
        "participation_sv": "Anmäl dig till tjänsteproducenten eller be din sakkunniga anmäla dig.",
        "requirements": "Perusluku- ja kirjoitustaito.",
        "requirements_sv": "Grundläggande läs- och skrivkunnighet.",
        "benefits": "Osaat hoitaa työnhaun ja asioinnin verkossa itsenäisesti.",
        "benefits_sv": "Du kan sköta jobbsökande och ärenden på nätet självständigt.",
        "age": None,
        "free": True,
        "duration_hint": "4 viikkoa, 2 aamupäivää viikossa",
        "referral": "Ilmoita asiakas kurssille sähköisellä lähetelomakkeella tai anna hänelle "
        "ilmoittautumisohje.",
        "specialist_prerequisites": "Ei erityisiä edellytyksiä.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_NOT_BINDING,
        "statement": False,
        "statement_text": _STATEMENT_NONE,
        "benefit_notes": [],
        "client_system_entries": _ENTRY_NOTE,
        "measures_during_participation": _MEASURES_LIGHT,
        "exceptions": _EXCEPTION_NONE,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "",
        "client_consent": False,
        "consent_instructions": "",
    },
    {
        "name": "Varastoalan rekrytointikoulutus",
        "name_sv": "Rekryteringsutbildning inom lagerbranschen",
        "name_en": "Warehouse recruitment training",
        "category": "osaamisen-kehittaminen",
        "audiences": ["job-seeker"],
        "situations": ["etsin-tyota", "haluan-vaihtaa-alaa"],
        "target_groups": ["pitkaaikaistyottomat", "maahan-muuttaneet"],
        "implementation": ["lahitoteutus"],
        "short_description": "Työvoimakoulutus, jossa suoritat trukkikortin ja logistiikan "
        "perustutkinnon osia ja pääset työssäoppimaan yhteistyöyrityksiin.",
        "short_description_sv": "Arbetskraftsutbildning där du avlägger truckkort och delar av "
        "grundexamen i logistik och lär dig i arbetet hos samarbetsföretag.",
        "short_description_en": "Labour market training in which you get a forklift licence and "
        "parts of the vocational qualification in logistics, with on-the-job learning.",
        "description_paragraphs": [
            "Koulutus sisältää varastotyön perusteet, trukin ja pinoamisnosturin käytön, "
            "työturvallisuuden ja varastojärjestelmien käytön.",
            "Puolet koulutuksesta on työssäoppimista yhteistyöyrityksissä, jotka ovat "
            "sitoutuneet rekrytoimaan koulutuksen suorittaneita.",
        ],
        "target_group_description": "Työnhakijat, jotka haluavat työllistyä varasto- ja "
        "logistiikka-alalle.",
        "participation": "Hae koulutukseen hakulomakkeella; valinta tehdään haastattelun "
        "perusteella.",
        "requirements": "Suomen kielen taito vähintään A2, hyvä fyysinen kunto ja vuorotyövalmius.",
        "benefits": "Trukkikortti, tutkinnon osia ja hyvät mahdollisuudet työllistyä.",
        "age": None,
        "free": True,
        "duration_hint": "4 kuukautta, arkipäivisin",
        "referral": "Neuvo asiakasta hakemaan hakulomakkeella. Tee valinnan jälkeen "
        "koulutuspäätös asiakastietojärjestelmässä.",
        "specialist_prerequisites": "Arvioi koulutustarve ja soveltuvuus ennen valintaa; "
        "kirjaa arvio.",
        "obligation": "always_binding",
        "obligation_text": _OBLIGATION_ALWAYS,
        "statement": True,
        "statement_text": _STATEMENT_GIVEN,
        "benefit_notes": ["allowance_during_waiting_period", "expense_compensation"],
        "client_system_entries": _ENTRY_TRAINING,
        "measures_during_participation": _MEASURES_FOLLOW_UP,
        "exceptions": _EXCEPTION_JOB,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": _ARCHIVE_ATTENDANCE,
        "client_consent": True,
        "consent_instructions": _CONSENT_PROVIDER,
    },
    {
        "name": "Hygieniapassikoulutus ja -testi",
        "name_sv": "Hygienpassutbildning och -test",
        "name_en": "Hygiene passport training and test",
        "category": "osaamisen-kehittaminen",
        "audiences": ["job-seeker"],
        "situations": ["etsin-tyota"],
        "target_groups": ["maahan-muuttaneet", "nuoret"],
        "implementation": ["lahitoteutus"],
        "short_description": "Yhden päivän koulutus ja hygieniaosaamistesti, jota vaaditaan "
        "elintarvikealan töissä.",
        "short_description_sv": "En dags utbildning och hygienkompetenstest som krävs för arbete "
        "inom livsmedelsbranschen.",
        "short_description_en": "A one-day course and food hygiene proficiency test required for "
        "work in the food sector.",
        "description_paragraphs": [
            "Koulutuksessa käydään läpi mikrobiologia, elintarvikehygienia ja "
            "omavalvonta. Päivän päätteeksi tehdään virallinen testi.",
            "Testi on mahdollista tehdä suullisesti tai tulkin avustamana.",
        ],
        "target_group_description": "Ravintola-, kahvila- ja kauppa-alalle hakeutuvat.",
        "participation": "Ilmoittaudu palveluntuottajan verkkosivulla.",
        "requirements": "Henkilöllisyystodistus testitilaisuudessa.",
        "benefits": "Hygieniapassi, joka vaaditaan elintarvikkeiden käsittelyssä.",
        "age": None,
        "free": False,
        "price": "45.00",
        "price_description": "Hinta sisältää koulutuksen ja testin. Työnhakija voi pyytää "
        "maksusitoumusta omalta asiantuntijaltaan.",
        "duration_hint": "1 päivä",
        "referral": "Jos hygieniapassi on asiakkaan työllistymisen edellytys, tee "
        "maksusitoumus sähköisellä lomakkeella ennen ilmoittautumista.",
        "specialist_prerequisites": "Maksusitoumus edellyttää, että passi liittyy "
        "työllistymissuunnitelman tavoitteeseen.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_NOT_BINDING,
        "statement": False,
        "statement_text": _STATEMENT_NONE,
        "benefit_notes": [],
        "client_system_entries": "Kirjaa maksusitoumus ja sen peruste asiakastietoihin.",
        "measures_during_participation": _MEASURES_LIGHT,
        "exceptions": "Jos asiakas ei saavu testiin, maksusitoumusta ei myönnetä uudelleen "
        "ilman erityistä syytä.",
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "",
        "client_consent": False,
        "consent_instructions": "",
    },
    {
        "name": "Työturvallisuuskorttikoulutus",
        "name_sv": "Utbildning för arbetarskyddskort",
        "name_en": "Occupational safety card training",
        "category": "osaamisen-kehittaminen",
        "audiences": ["job-seeker"],
        "situations": ["etsin-tyota", "lomautettu"],
        "target_groups": ["lomautetut", "pitkaaikaistyottomat"],
        "implementation": ["lahitoteutus", "verkkokurssi"],
        "short_description": "Yhden päivän koulutus, jonka suorittaneet saavat "
        "työturvallisuuskortin rakennus- ja teollisuustöihin.",
        "short_description_sv": "En dags utbildning som ger arbetarskyddskort för arbete inom "
        "bygg och industri.",
        "short_description_en": "A one-day course that gives you the occupational safety card "
        "needed on construction and industrial sites.",
        "description_paragraphs": [
            "Koulutuksessa käsitellään työturvallisuuslainsäädäntöä, riskien arviointia ja "
            "yhteisiä työmaita. Koulutus päättyy kokeeseen.",
            "Kortti on voimassa viisi vuotta.",
        ],
        "target_group_description": "Rakennus-, teollisuus- ja logistiikka-alan työnhakijat.",
        "participation": "Ilmoittaudu palveluntuottajalle.",
        "requirements": "Suomen, ruotsin tai englannin kielen taito.",
        "benefits": "Monella työmaalla vaadittava työturvallisuuskortti.",
        "age": None,
        "free": False,
        "price": "90.00",
        "price_description": "Hinta sisältää koulutuksen, kokeen ja kortin. Maksusitoumus on "
        "mahdollinen, jos kortti on työllistymisen edellytys.",
        "duration_hint": "1 päivä klo 8–16",
        "referral": "Tee maksusitoumus sähköisellä lomakkeella, jos kortti on edellytys "
        "tiedossa olevaan työhön.",
        "specialist_prerequisites": "Kirjaa, mihin työhön kortti liittyy.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_NOT_BINDING,
        "statement": False,
        "statement_text": _STATEMENT_NONE,
        "benefit_notes": [],
        "client_system_entries": "Kirjaa maksusitoumus ja sen peruste asiakastietoihin.",
        "measures_during_participation": _MEASURES_LIGHT,
        "exceptions": _EXCEPTION_NONE,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "",
        "client_consent": False,
        "consent_instructions": "",
    },
    {
        "name": "Ohjelmistokehityksen täsmäkoulutus",
        "name_sv": "Riktad utbildning i programvaruutveckling",
        "name_en": "Targeted software development training",
        "category": "osaamisen-kehittaminen",
        "audiences": ["job-seeker"],
        "situations": ["haluan-vaihtaa-alaa", "vastavalmistunut"],
        "target_groups": ["korkeasti-koulutetut", "vastavalmistuneet"],
        "implementation": ["monimuoto", "verkkokurssi"],
        "short_description": "Intensiivinen koulutus, jossa opit web-kehityksen perusteet ja "
        "teet harjoitusprojektin yritykselle.",
        "short_description_sv": "En intensivutbildning där du lär dig grunderna i "
        "webbutveckling och gör ett projekt för ett företag.",
        "short_description_en": "An intensive course in which you learn the basics of web "
        "development and complete a project for a company.",
        "description_paragraphs": [
            "Koulutus käsittelee ohjelmoinnin perusteet, versionhallinnan, tietokannat ja "
            "ketterät menetelmät. Opetus on osittain etänä ja osittain luokassa.",
            "Viimeiset kuusi viikkoa työskentelet tiimissä yhteistyöyrityksen "
            "projektissa, mikä toimii usein rekrytoinnin väylänä.",
        ],
        "target_group_description": "Alanvaihtajat ja vastavalmistuneet, joilla on "
        "kiinnostusta ohjelmointiin.",
        "participation": "Hae hakulomakkeella ja tee ennakkotehtävä.",
        "requirements": "Hyväksytty ennakkotehtävä ja englannin kielen taito vähintään B1.",
        "benefits": "Työelämävalmiudet ohjelmistokehittäjänä ja portfolio.",
        "age": None,
        "free": True,
        "duration_hint": "5 kuukautta, arkipäivisin",
        "referral": "Neuvo asiakasta hakemaan hakulomakkeella. Tee valintojen jälkeen "
        "koulutuspäätös.",
        "specialist_prerequisites": "Arvioi koulutustarve: koulutus ei sovellu alan "
        "tutkinnon jo suorittaneelle.",
        "obligation": "always_binding",
        "obligation_text": _OBLIGATION_ALWAYS,
        "statement": True,
        "statement_text": _STATEMENT_GIVEN,
        "benefit_notes": ["allowance_during_waiting_period", "expense_compensation"],
        "client_system_entries": _ENTRY_TRAINING,
        "measures_during_participation": _MEASURES_FOLLOW_UP,
        "exceptions": _EXCEPTION_JOB,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": _ARCHIVE_ATTENDANCE,
        "client_consent": True,
        "consent_instructions": _CONSENT_PROVIDER,
    },
    {
        "name": "Hoiva-avustajakoulutus",
        "name_sv": "Utbildning till vårdbiträde",
        "name_en": "Care assistant training",
        "category": "osaamisen-kehittaminen",
        "audiences": ["job-seeker"],
        "situations": ["haluan-vaihtaa-alaa", "muuttanut-suomeen"],
        "target_groups": ["maahan-muuttaneet", "kotoutumisajan-ylittaneet"],
        "implementation": ["lahitoteutus"],
        "short_description": "Koulutus hoiva-avustajan tehtäviin ikäihmisten palveluissa. "
        "Sisältää työssäoppimista ja alan kielikoulutusta.",
        "short_description_sv": "Utbildning till vårdbiträde inom äldreomsorgen med lärande i "
        "arbetet och yrkesinriktad språkundervisning.",
        "short_description_en": "Training for care assistant work in elderly services, "
        "including on-the-job learning and job-related language teaching.",
        "description_paragraphs": [
            "Koulutuksessa opit avustamaan asiakasta päivittäisissä toimissa, toimimaan "
            "hygieenisesti ja kirjaamaan havaintoja.",
            "Työssäoppiminen tapahtuu hoivakodeissa, joilla on rekrytointitarvetta. "
            "Koulutuksen lopussa on mahdollisuus hakea oppisopimuskoulutukseen.",
        ],
        "target_group_description": "Hoiva-alasta kiinnostuneet, myös maahan muuttaneet.",
        "participation": "Hae hakulomakkeella. Valintahaastattelu järjestetään kuukausittain.",
        "requirements": "Suomen kielen taito vähintään A2.2.",
        "benefits": "Valmiudet hoiva-avustajan työhön ja polku lähihoitajaksi.",
        "age": None,
        "free": True,
        "duration_hint": "5 kuukautta",
        "referral": "Neuvo asiakasta hakemaan ja tee valinnan jälkeen koulutuspäätös.",
        "specialist_prerequisites": "Varmista kielitaito ja rokotussuoja, joka vaaditaan "
        "työssäoppimiseen sosiaali- ja terveysalalla.",
        "obligation": "always_binding",
        "obligation_text": _OBLIGATION_ALWAYS,
        "statement": True,
        "statement_text": _STATEMENT_GIVEN,
        "benefit_notes": ["allowance_during_waiting_period", "expense_compensation"],
        "client_system_entries": _ENTRY_TRAINING,
        "measures_during_participation": _MEASURES_FOLLOW_UP,
        "exceptions": _EXCEPTION_HEALTH,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": _ARCHIVE_ATTENDANCE,
        "client_consent": True,
        "consent_instructions": _CONSENT_PROVIDER,
    },
    {
        "name": "Rakennusalan perehdytyskoulutus",
        "name_sv": "Introduktionsutbildning för byggbranschen",
        "name_en": "Construction industry induction training",
        "category": "osaamisen-kehittaminen",
        "audiences": ["job-seeker"],
        "situations": ["etsin-tyota", "haluan-vaihtaa-alaa"],
        "target_groups": ["nuoret", "maahan-muuttaneet"],
        "implementation": ["lahitoteutus"],
        "short_description": "Lyhyt koulutus rakennusalan aputehtäviin: työturvallisuus, "
        "työkalut ja työmaan toimintatavat.",
        "short_description_sv": "En kort utbildning för hjälparbeten inom byggbranschen: "
        "arbetarskydd, verktyg och arbetsplatsens rutiner.",
        "short_description_en": "A short course for assistant jobs in construction: safety, "
        "tools and site practices.",
        "description_paragraphs": [
            "Koulutus toteutetaan harjoitustyömaalla. Opit mittaamaan, käyttämään "
            "sähkötyökaluja ja toimimaan telineillä turvallisesti.",
            "Koulutukseen sisältyy työturvallisuuskortti ja tulityökortti.",
        ],
        "target_group_description": "Rakennusalalle haluavat työnhakijat.",
        "participation": "Ilmoittaudu hakulomakkeella.",
        "requirements": "Fyysinen kunto ja valmius ulkotöihin.",
        "benefits": "Alalla vaaditut kortit ja perustaidot.",
        "age": None,
        "free": True,
        "duration_hint": "6 viikkoa",
        "referral": "Tee lähete sähköisellä lähetelomakkeella.",
        "specialist_prerequisites": "Kirjaa asiakkaan soveltuvuus ulkotöihin.",
        "obligation": "binding_if_agreed",
        "obligation_text": _OBLIGATION_IF_AGREED,
        "statement": True,
        "statement_text": _STATEMENT_GIVEN,
        "benefit_notes": ["expense_compensation"],
        "client_system_entries": _ENTRY_TRAINING,
        "measures_during_participation": _MEASURES_FOLLOW_UP,
        "exceptions": _EXCEPTION_JOB,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": _ARCHIVE_ATTENDANCE,
        "client_consent": True,
        "consent_instructions": _CONSENT_PROVIDER,
    },
    {
        "name": "Toimisto-ohjelmien perusteet",
        "name_sv": "Grunderna i kontorsprogram",
        "name_en": "Office software basics",
        "category": "osaamisen-kehittaminen",
        "audiences": ["job-seeker"],
        "situations": ["etsin-tyota", "haluan-vaihtaa-alaa"],
        "target_groups": ["yli-55", "lomautetut"],
        "implementation": ["verkkokurssi"],
        "short_description": "Itseopiskeltava verkkokurssi tekstinkäsittelyn, taulukkolaskennan "
        "ja esitysgrafiikan perusteista.",
        "short_description_sv": "En webbkurs för självstudier i ordbehandling, kalkylering och "
        "presentationsgrafik.",
        "short_description_en": "A self-paced online course on word processing, spreadsheets and "
        "presentation software.",
        "description_paragraphs": [
            "Kurssi koostuu videoista ja harjoituksista, jotka voit tehdä omaan tahtiisi. "
            "Kouluttaja vastaa kysymyksiin verkossa arkipäivisin.",
            "Hyväksytysti suoritetusta kurssista saat todistuksen.",
        ],
        "target_group_description": "Työnhakijat, jotka tarvitsevat toimisto-ohjelmien taitoja.",
        "participation": "Pyydä asiantuntijalta kurssitunnukset.",
        "requirements": "Oma tietokone ja verkkoyhteys.",
        "benefits": "Työelämässä tarvittavat perustaidot ja todistus.",
        "age": None,
        "free": True,
        "duration_hint": "Noin 20 tuntia, 3 kuukauden käyttöoikeus",
        "referral": "Tilaa asiakkaalle kurssitunnukset sähköisellä lomakkeella.",
        "specialist_prerequisites": "Ei edellytyksiä.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_NOT_BINDING,
        "statement": False,
        "statement_text": _STATEMENT_NONE,
        "benefit_notes": [],
        "client_system_entries": _ENTRY_NOTE,
        "measures_during_participation": _MEASURES_LIGHT,
        "exceptions": _EXCEPTION_NONE,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "",
        "client_consent": False,
        "consent_instructions": "",
    },
    # --- Kotoutumista tukevat palvelut -------------------------------------
    {
        "name": "Suomen kieltä työelämään",
        "name_sv": "Finska för arbetslivet",
        "name_en": "Finnish for working life",
        "category": "kotoutuminen",
        "audiences": ["job-seeker"],
        "situations": ["muuttanut-suomeen", "etsin-tyota"],
        "target_groups": ["maahan-muuttaneet", "kotoutumisajan-ylittaneet"],
        "implementation": ["monimuoto", "ryhmavalmennus"],
        "short_description": "Kielikurssi, jossa harjoittelet työpaikoilla tarvittavaa suomea: "
        "asiakaspalvelua, puhelinta ja työohjeiden ymmärtämistä.",
        "short_description_sv": "En språkkurs där du övar den finska som behövs på "
        "arbetsplatser: kundservice, telefon och arbetsinstruktioner.",
        "short_description_en": "A language course practising the Finnish needed at work: "
        "customer service, phone calls and understanding instructions.",
        "description_paragraphs": [
            "Kurssilla harjoitellaan työelämän tilanteita roolileikein ja aitojen "
            "työpaikka-aineistojen avulla. Ryhmät muodostetaan kielitaitotason mukaan.",
            "Kurssiin sisältyy kahden viikon työpaikkajakso, jonka aikana kielenopettaja "
            "käy ohjaamassa työpaikalla.",
        ],
        "target_group_description": "Maahan muuttaneet työnhakijat, joiden suomen kielen taito "
        "on tasolla A2–B1.",
        "participation": "Asiantuntija ohjaa lähtötasotestiin, jonka perusteella ryhmä valitaan.",
        "requirements": "Suomen kielen taito vähintään A2.",
        "benefits": "Rohkeutta käyttää suomea työssä ja työpaikkakokemus.",
        "age": None,
        "free": True,
        "duration_hint": "12 viikkoa, 4 päivää viikossa",
        "referral": "Ohjaa asiakas lähtötasotestiin sähköisellä lähetelomakkeella ja merkitse "
        "lähetteeseen viimeisin kielitaidon arvio.",
        "specialist_prerequisites": "Tarkista, onko asiakkaan kotoutumisaika voimassa; silloin "
        "kurssi kirjataan kotoutumissuunnitelmaan.",
        "obligation": "binding_if_agreed",
        "obligation_text": _OBLIGATION_IF_AGREED,
        "statement": True,
        "statement_text": _STATEMENT_GIVEN,
        "benefit_notes": ["allowance_during_waiting_period", "expense_compensation"],
        "client_system_entries": _ENTRY_TRAINING,
        "measures_during_participation": _MEASURES_FOLLOW_UP,
        "exceptions": _EXCEPTION_JOB,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": _ARCHIVE_ATTENDANCE,
        "client_consent": True,
        "consent_instructions": _CONSENT_PROVIDER,
    },
    {
        "name": "Työelämäpainotteinen kotoutumiskoulutus",
        "name_sv": "Arbetslivsinriktad integrationsutbildning",
        "name_en": "Work-oriented integration training",
        "category": "kotoutuminen",
        "audiences": ["job-seeker"],
        "situations": ["muuttanut-suomeen"],
        "target_groups": ["maahan-muuttaneet"],
        "implementation": ["lahitoteutus"],
        "short_description": "Kotoutumiskoulutus, jossa suomen kielen opiskelu yhdistyy "
        "työelämätietoon ja työharjoitteluun.",
        "short_description_sv": "Integrationsutbildning där studier i finska kombineras med "
        "kunskap om arbetslivet och praktik.",
        "short_description_en": "Integration training combining Finnish studies with knowledge "
        "of working life and a work placement.",
        "description_paragraphs": [
            "Koulutuksessa opiskellaan suomea, yhteiskuntaa ja työelämän pelisääntöjä. Jokainen "
            "opiskelija laatii urasuunnitelman.",
            "Koulutuksen loppuvaiheessa on kuuden viikon työharjoittelu oman alan "
            "työpaikalla, jonka löytämisessä opettaja auttaa.",
        ],
        "target_group_description": "Kotoutumisajalla olevat maahan muuttaneet.",
        "participation": "Ohjaus kotoutumissuunnitelman kautta.",
        "requirements": "Voimassa oleva kotoutumissuunnitelma ja lähtötasotesti.",
        "benefits": "Kielitaito, työelämätieto ja työharjoittelukokemus.",
        "age": None,
        "free": True,
        "duration_hint": "10 kuukautta, 5 päivää viikossa",
        "referral": "Ohjaa asiakas koulutukseen kotoutumissuunnitelman perusteella ja tee "
        "koulutuspäätös.",
        "specialist_prerequisites": "Koulutus on tarkoitettu kotoutumisaikana oleville. "
        "Tarkista kotoutumisajan päättymispäivä.",
        "obligation": "always_binding",
        "obligation_text": _OBLIGATION_ALWAYS,
        "statement": True,
        "statement_text": _STATEMENT_GIVEN,
        "benefit_notes": ["allowance_during_waiting_period", "expense_compensation"],
        "client_system_entries": _ENTRY_TRAINING,
        "measures_during_participation": "Tarkista kielitaidon edistyminen väliarvioinnista ja "
        "päivitä kotoutumissuunnitelma.",
        "exceptions": "Perhevapaan tai sairauden vuoksi keskeytynyt koulutus voidaan jatkaa "
        "seuraavassa ryhmässä.",
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": _ARCHIVE_ATTENDANCE,
        "client_consent": True,
        "consent_instructions": _CONSENT_PROVIDER,
    },
    {
        "name": "Monikielinen työnhaun neuvonta",
        "name_sv": "Flerspråkig rådgivning i jobbsökning",
        "name_en": "Multilingual job search guidance",
        "category": "kotoutuminen",
        "audiences": ["job-seeker"],
        "situations": ["muuttanut-suomeen", "etsin-tyota"],
        "target_groups": ["maahan-muuttaneet", "kotoutumisajan-ylittaneet"],
        "implementation": ["lahitoteutus", "etatoteutus"],
        "short_description": "Neuvontaa työnhausta ja suomalaisesta työelämästä omalla "
        "kielelläsi, esimerkiksi arabiaksi, somaliksi, venäjäksi tai ukrainaksi.",
        "short_description_sv": "Rådgivning om jobbsökning och finländskt arbetsliv på ditt eget "
        "språk, till exempel arabiska, somaliska, ryska eller ukrainska.",
        "short_description_en": "Guidance on job searching and Finnish working life in your own "
        "language, for example Arabic, Somali, Russian or Ukrainian.",
        "description_paragraphs": [
            "Monikieliset neuvojat auttavat ymmärtämään työsopimuksia, palkkausta ja "
            "työnhakijan velvollisuuksia sekä täyttämään hakemuksia.",
            "Neuvontaa saa ilman ajanvarausta kahtena päivänä viikossa ja puhelimitse.",
        ],
        "target_group_description": "Maahan muuttaneet, jotka tarvitsevat neuvontaa omalla "
        "kielellään.",
        "participation": "Tule neuvontaan aukioloaikana tai soita.",
        "requirements": "Ei edellytyksiä.",
        "benefits": "Ymmärrät oikeutesi ja velvollisuutesi ja osaat hakea työtä Suomessa.",
        "age": None,
        "free": True,
        "duration_hint": "Jatkuva, ma ja ke klo 10–15",
        "referral": "Kerro asiakkaalle neuvonnan aukioloajat ja kielet.",
        "specialist_prerequisites": "Ei edellytyksiä.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_NOT_BINDING,
        "statement": False,
        "statement_text": _STATEMENT_NONE,
        "benefit_notes": [],
        "client_system_entries": "Merkintää ei tarvita.",
        "measures_during_participation": _MEASURES_LIGHT,
        "exceptions": _EXCEPTION_NONE,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "",
        "client_consent": False,
        "consent_instructions": "",
    },
    {
        "name": "Hoiva-alan ammattikielen kurssi",
        "name_sv": "Kurs i yrkesspråk för vårdbranschen",
        "name_en": "Professional language course for the care sector",
        "category": "kotoutuminen",
        "audiences": ["job-seeker"],
        "situations": ["muuttanut-suomeen", "haluan-opiskella"],
        "target_groups": ["maahan-muuttaneet", "korkeasti-koulutetut"],
        "implementation": ["monimuoto"],
        "short_description": "Kurssi sosiaali- ja terveysalan sanastosta ja "
        "vuorovaikutustilanteista hoitotyössä.",
        "short_description_sv": "En kurs i ordförråd och kommunikation inom social- och "
        "hälsovården.",
        "short_description_en": "A course on vocabulary and communication in social and health "
        "care work.",
        "description_paragraphs": [
            "Kurssilla harjoitellaan raportointia, potilaan ohjaamista ja kirjaamista. "
            "Opettajina toimivat suomi toisena kielenä -opettaja ja sairaanhoitaja.",
            "Kurssi valmistaa myös terveydenhuollon ammattihenkilöiden kielikokeeseen.",
        ],
        "target_group_description": "Ulkomailla hoitoalan koulutuksen saaneet.",
        "participation": "Hae hakulomakkeella.",
        "requirements": "Hoitoalan koulutus ja suomen kielen taito vähintään B1.",
        "benefits": "Valmiudet toimia hoitotyössä suomeksi.",
        "age": None,
        "free": True,
        "duration_hint": "16 viikkoa, 3 päivää viikossa",
        "referral": "Neuvo asiakasta hakemaan ja tee koulutuspäätös valinnan jälkeen.",
        "specialist_prerequisites": "Tarkista, että asiakkaan tutkinnon tunnustamisprosessi on "
        "vireillä tai päättynyt.",
        "obligation": "binding_if_agreed",
        "obligation_text": _OBLIGATION_IF_AGREED,
        "statement": True,
        "statement_text": _STATEMENT_GIVEN,
        "benefit_notes": ["expense_compensation"],
        "client_system_entries": _ENTRY_TRAINING,
        "measures_during_participation": _MEASURES_FOLLOW_UP,
        "exceptions": _EXCEPTION_JOB,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": _ARCHIVE_ATTENDANCE,
        "client_consent": True,
        "consent_instructions": _CONSENT_PROVIDER,
    },
    {
        "name": "Ruotsia työelämään",
        "name_sv": "Svenska för arbetslivet",
        "name_en": "Swedish for working life",
        "category": "kotoutuminen",
        "audiences": ["job-seeker"],
        "situations": ["muuttanut-suomeen", "etsin-tyota"],
        "target_groups": ["maahan-muuttaneet", "kotoutumisajan-ylittaneet"],
        "implementation": ["lahitoteutus", "ryhmavalmennus"],
        "short_description": "Ruotsin kielen kurssi kaksikielisen alueen työelämään: "
        "arkisanasto, asiakaspalvelu ja työpaikan viestintä.",
        "short_description_sv": "En kurs i svenska för arbetslivet i en tvåspråkig region: "
        "vardagsord, kundservice och kommunikation på arbetsplatsen.",
        "short_description_en": "A Swedish course for working life in a bilingual region: "
        "everyday vocabulary, customer service and workplace communication.",
        "description_paragraphs": [
            "Kurssilla opiskellaan ruotsia käytännön työtilanteiden kautta. Mukana on "
            "vierailuja paikallisiin yrityksiin.",
            "Kurssin lopuksi jokainen osallistuja tekee lyhyen työpaikkajakson "
            "ruotsinkielisessä työympäristössä.",
        ],
        "description_paragraphs_sv": [
            "På kursen studerar man svenska genom praktiska arbetssituationer. I kursen ingår "
            "besök hos lokala företag.",
            "I slutet av kursen gör varje deltagare en kort arbetsplatsperiod i en "
            "svenskspråkig arbetsmiljö.",
        ],
        "target_group_description": "Maahan muuttaneet, jotka asuvat ruotsinkielisellä tai "
        "kaksikielisellä alueella.",
        "target_group_description_sv": "Invandrare som bor i ett svenskspråkigt eller "
        "tvåspråkigt område.",
        "participation": "Ilmoittaudu asiantuntijan kautta.",
        "participation_sv": "Anmäl dig via din sakkunniga.",
        "requirements": "Perusluku- ja kirjoitustaito.",
        "requirements_sv": "Grundläggande läs- och skrivkunnighet.",
        "benefits": "Ruotsin kielen taito, joka avaa työmahdollisuuksia alueella.",
        "benefits_sv": "Kunskaper i svenska som öppnar arbetsmöjligheter i regionen.",
        "age": None,
        "free": True,
        "duration_hint": "10 viikkoa, 3 päivää viikossa",
        "referral": "Tee lähete sähköisellä lähetelomakkeella ja merkitse asiakkaan "
        "kielitaitotaso.",
        "specialist_prerequisites": "Tarkista, onko asiakas kotoutumisajalla.",
        "obligation": "binding_if_agreed",
        "obligation_text": _OBLIGATION_IF_AGREED,
        "statement": True,
        "statement_text": _STATEMENT_GIVEN,
        "benefit_notes": ["expense_compensation"],
        "client_system_entries": _ENTRY_TRAINING,
        "measures_during_participation": _MEASURES_FOLLOW_UP,
        "exceptions": _EXCEPTION_JOB,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": _ARCHIVE_ATTENDANCE,
        "client_consent": True,
        "consent_instructions": _CONSENT_PROVIDER,
    },
    {
        "name": "Ulkomaisen tutkinnon tunnustamisen neuvonta",
        "name_sv": "Rådgivning om erkännande av utländsk examen",
        "name_en": "Guidance on recognition of foreign qualifications",
        "category": "kotoutuminen",
        "audiences": ["job-seeker"],
        "situations": ["muuttanut-suomeen", "haluan-opiskella"],
        "target_groups": ["maahan-muuttaneet", "korkeasti-koulutetut"],
        "implementation": ["etatoteutus", "yksilovalmennus"],
        "short_description": "Neuvontaa siitä, miten ulkomailla suoritettu tutkinto "
        "tunnustetaan Suomessa ja mitä täydentäviä opintoja tarvitaan.",
        "short_description_sv": "Rådgivning om hur en utländsk examen erkänns i Finland och "
        "vilka kompletterande studier som behövs.",
        "short_description_en": "Advice on how a foreign degree is recognised in Finland and "
        "which supplementary studies are needed.",
        "description_paragraphs": [
            "Neuvoja selvittää kanssasi, onko ammattisi säännelty ja mistä päätöstä haetaan. "
            "Saat apua hakemuksen liitteiden kokoamiseen ja käännättämiseen.",
            "Tarvittaessa laaditaan suunnitelma täydentävistä opinnoista.",
        ],
        "target_group_description": "Ulkomailla tutkinnon suorittaneet.",
        "participation": "Varaa aika verkossa.",
        "requirements": "Tutkintotodistus ja opintosuoritusote.",
        "benefits": "Tiedät, miten pääset työskentelemään omalla alallasi Suomessa.",
        "age": None,
        "free": True,
        "duration_hint": "1–2 tapaamista",
        "referral": "Pyydä asiakasta varaamaan aika ja ottamaan mukaan tutkintoasiakirjat.",
        "specialist_prerequisites": "Ei edellytyksiä.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_NOT_BINDING,
        "statement": False,
        "statement_text": _STATEMENT_NONE,
        "benefit_notes": [],
        "client_system_entries": _ENTRY_NOTE,
        "measures_during_participation": _MEASURES_LIGHT,
        "exceptions": _EXCEPTION_NONE,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "",
        "client_consent": False,
        "consent_instructions": "",
    },
    # --- Nuorten palvelut --------------------------------------------------
    {
        "name": "Nuorten matalan kynnyksen ohjauspiste",
        "name_sv": "Lågtröskelpunkt för vägledning av unga",
        "name_en": "Low-threshold guidance point for young people",
        "category": "nuorten-palvelut",
        "audiences": ["job-seeker"],
        "situations": ["nuori-etsii-suuntaa", "haluan-opiskella", "etsin-tyota"],
        "target_groups": ["nuoret"],
        "implementation": ["lahitoteutus", "yksilovalmennus"],
        "short_description": "Alle 30-vuotiaiden ohjauspiste, josta saat apua työhön, "
        "opiskeluun, asumiseen ja raha-asioihin samasta paikasta.",
        "short_description_sv": "En vägledningspunkt för unga under 30 år där du får hjälp med "
        "arbete, studier, boende och ekonomi på samma ställe.",
        "short_description_en": "A guidance point for under-30s offering help with work, "
        "studies, housing and money matters in one place.",
        "description_paragraphs": [
            "Ohjauspisteessä työskentelee uraohjaajia, sosiaaliohjaajia, nuorisotyöntekijöitä "
            "ja terveydenhoitaja. Voit tulla ilman ajanvarausta tai varata ajan chatissa.",
            "Ohjaaja kulkee rinnallasi niin kauan kuin tarvitset ja auttaa löytämään "
            "sopivan koulutuksen, työpaikan tai muun palvelun.",
        ],
        "description_paragraphs_en": [
            "The guidance point is staffed by career counsellors, social counsellors, youth "
            "workers and a public health nurse. You can drop in without an appointment or "
            "book one via chat.",
            "A counsellor stays by your side for as long as you need and helps you find "
            "suitable education, a job or another service.",
        ],
        "target_group_description": "Kaikki 15–29-vuotiaat nuoret.",
        "target_group_description_en": "All young people aged 15–29.",
        "participation": "Tule paikalle aukioloaikana tai varaa aika.",
        "participation_en": "Drop in during opening hours or book an appointment.",
        "requirements": "Ei edellytyksiä.",
        "requirements_en": "No requirements.",
        "benefits": "Apua kaikkiin arjen kysymyksiin yhdestä paikasta.",
        "benefits_en": "Help with all everyday questions in one place.",
        "age": (15, 29),
        "free": True,
        "duration_hint": "Jatkuva, ma–to klo 10–16",
        "duration_hint_en": "Ongoing, Mon–Thu 10:00–16:00",
        "referral": "Voit tehdä suostumuksella yhteydenottopyynnön ohjauspisteeseen, jolloin "
        "ohjaaja ottaa yhteyttä nuoreen.",
        "specialist_prerequisites": "Ei edellytyksiä.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_NOT_BINDING,
        "statement": False,
        "statement_text": _STATEMENT_NONE,
        "benefit_notes": [],
        "client_system_entries": _ENTRY_NOTE,
        "measures_during_participation": _MEASURES_LIGHT,
        "exceptions": _EXCEPTION_NONE,
        "suits_job_search_conversation": True,
        "suits_job_search_text": "Ohjauspisteen uraohjaajan kanssa käyty keskustelu voidaan "
        "kirjata täydentäväksi työnhakukeskusteluksi.",
        "archiving": "",
        "client_consent": True,
        "consent_instructions": _CONSENT_PROVIDER,
    },
    {
        "name": "Nuorten työpajatoiminta",
        "name_sv": "Verkstadsverksamhet för unga",
        "name_en": "Youth workshop activities",
        "category": "nuorten-palvelut",
        "audiences": ["job-seeker"],
        "situations": ["nuori-etsii-suuntaa", "etsin-tyota"],
        "target_groups": ["nuoret", "pitkaaikaistyottomat"],
        "implementation": ["lahitoteutus", "yksilovalmennus"],
        "short_description": "Työpaja, jossa teet oikeita töitä esimerkiksi kahvilassa, "
        "puutyöverstaalla tai mediapajassa työvalmentajan ohjauksessa.",
        "short_description_sv": "En verkstad där du gör riktigt arbete till exempel i ett kafé, "
        "en snickeriverkstad eller en mediaverkstad under handledning av en arbetscoach.",
        "short_description_en": "A workshop where you do real work, for example in a café, a "
        "woodwork shop or a media workshop, guided by a work coach.",
        "description_paragraphs": [
            "Pajalla harjoittelet työelämän taitoja, kuten täsmällisyyttä ja tiimityötä. "
            "Voit suorittaa osia ammatillisesta tutkinnosta osaamisen tunnistamisen kautta.",
            "Työvalmentajan lisäksi tukenasi on yksilövalmentaja, joka auttaa "
            "jatkosuunnitelman tekemisessä.",
        ],
        "description_paragraphs_sv": [
            "I verkstaden övar du färdigheter för arbetslivet, såsom punktlighet och "
            "lagarbete. Du kan avlägga delar av en yrkesexamen.",
            "Utöver arbetscoachen har du stöd av en individuell coach som hjälper dig att göra "
            "en plan för framtiden.",
        ],
        "target_group_description": "Alle 29-vuotiaat nuoret, jotka ovat ilman työ- tai "
        "opiskelupaikkaa.",
        "target_group_description_sv": "Unga under 29 år som saknar arbets- eller studieplats.",
        "participation": "Tule tutustumaan pajaan; aloitus sovitaan yhdessä.",
        "participation_sv": "Kom och bekanta dig med verkstaden; starten avtalas tillsammans.",
        "requirements": "Ei edellytyksiä.",
        "requirements_sv": "Inga förutsättningar.",
        "benefits": "Arjen rytmi, työkokemus ja suunnitelma jatkoon.",
        "benefits_sv": "Vardagsrytm, arbetserfarenhet och en plan för framtiden.",
        "age": (16, 29),
        "free": True,
        "duration_hint": "3–6 kuukautta, 4–6 tuntia päivässä",
        "referral": "Tee työpajajaksosta sopimus ja lähete sähköisellä lähetelomakkeella. "
        "Nuori voi tulla myös itse tutustumaan ennen lähetettä.",
        "specialist_prerequisites": "Selvitä nuoren työkyky ja mahdollinen tarve "
        "kuntouttavalle työtoiminnalle.",
        "obligation": "binding_if_agreed",
        "obligation_text": _OBLIGATION_IF_AGREED,
        "statement": True,
        "statement_text": _STATEMENT_GIVEN,
        "benefit_notes": ["allowance_during_waiting_period", "expense_compensation"],
        "client_system_entries": _ENTRY_WORKPLACE,
        "measures_during_participation": _MEASURES_FOLLOW_UP,
        "exceptions": _EXCEPTION_HEALTH,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": _ARCHIVE_CONTRACT,
        "client_consent": True,
        "consent_instructions": _CONSENT_PROVIDER,
    },
    {
        "name": "Kesätyöseteli",
        "name_sv": "Sommarjobbssedel",
        "name_en": "Summer job voucher",
        "category": "nuorten-palvelut",
        "audiences": ["job-seeker", "employer"],
        "situations": ["nuori-etsii-suuntaa", "tarvitsen-tyontekijan"],
        "target_groups": ["nuoret", "tyonantajat"],
        "implementation": ["etatoteutus"],
        "short_description": "Seteli, jonka nuori antaa kesätyönantajalle. Työnantaja saa "
        "setelistä tuen nuoren palkkakustannuksiin.",
        "short_description_sv": "En sedel som den unga ger sin sommararbetsgivare. "
        "Arbetsgivaren får stöd för den ungas lönekostnader.",
        "short_description_en": "A voucher that a young person gives to a summer employer, who "
        "receives support towards the young person's wage costs.",
        "description_paragraphs": [
            "Seteli haetaan sähköisesti keväällä. Työsuhteen on kestettävä vähintään kaksi "
            "viikkoa ja työaikaa on oltava vähintään 60 tuntia.",
            "Työnantaja hakee tuen maksatusta työsuhteen päätyttyä ja liittää hakemukseen "
            "palkkatiedot.",
        ],
        "target_group_description": "Kunnassa asuvat 15–17-vuotiaat nuoret ja heidät "
        "palkkaavat yritykset ja yhdistykset.",
        "participation": "Nuori hakee setelin verkkolomakkeella.",
        "requirements": "Kotikunta on palvelun järjestävä kunta.",
        "benefits": "Nuori saa työkokemusta, ja työnantaja tuen palkkakustannuksiin.",
        "age": (15, 17),
        "free": True,
        "duration_hint": "Kesäkausi 1.5.–30.9.",
        "referral": "Neuvo nuorta tai työnantajaa hakemaan seteliä verkossa. Asiantuntijan "
        "ei tarvitse tehdä lähetettä.",
        "specialist_prerequisites": "Ei edellytyksiä.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_NOT_BINDING,
        "statement": False,
        "statement_text": _STATEMENT_NONE,
        "benefit_notes": [],
        "client_system_entries": "Merkintää ei tarvita.",
        "measures_during_participation": _MEASURES_LIGHT,
        "exceptions": "Jos työsuhde päättyy ennen vähimmäiskestoa, tukea ei makseta.",
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "Tukipäätökset arkistoidaan kunnan tiedonohjaussuunnitelman mukaisesti.",
        "client_consent": False,
        "consent_instructions": "",
    },
    {
        "name": "Nuorten jalkautuva työnhakuvalmennus",
        "name_sv": "Uppsökande jobbsökarcoachning för unga",
        "name_en": "Outreach job search coaching for young people",
        "category": "nuorten-palvelut",
        "audiences": ["job-seeker"],
        "situations": ["nuori-etsii-suuntaa", "etsin-tyota"],
        "target_groups": ["nuoret"],
        "implementation": ["yksilovalmennus"],
        "short_description": "Valmentaja tapaa sinua siellä, missä sinun on helppo asioida, ja "
        "auttaa löytämään töitä tai opiskelupaikan.",
        "short_description_sv": "En coach träffar dig där det är lätt för dig och hjälper dig "
        "att hitta arbete eller en studieplats.",
        "short_description_en": "A coach meets you wherever is easy for you and helps you find "
        "work or a study place.",
        "description_paragraphs": [
            "Tapaamiset voivat olla kahvilassa, kirjastossa tai kävelylenkillä. Valmentaja "
            "on tavoitettavissa myös viestillä.",
            "Valmennus etenee nuoren tahdissa. Tavoitteena on löytää seuraava askel, kuten "
            "työpaikka, oppisopimus tai opiskelupaikka.",
        ],
        "description_paragraphs_en": [
            "Meetings can take place in a café, at the library or on a walk. The coach can "
            "also be reached by message.",
            "The coaching moves at the young person's own pace. The aim is to find the next "
            "step, such as a job, an apprenticeship or a study place.",
        ],
        "target_group_description": "Alle 30-vuotiaat, joita perinteiset palvelut eivät ole "
        "tavoittaneet.",
        "target_group_description_en": "Young people under 30 whom traditional services have "
        "not reached.",
        "participation": "Asiantuntija, koulu tai nuori itse voi ottaa yhteyttä valmentajaan.",
        "participation_en": "An employment specialist, a school or the young person "
        "themselves can contact the coach.",
        "requirements": "Ei edellytyksiä.",
        "requirements_en": "No requirements.",
        "benefits": "Henkilökohtainen tuki ja luottamuksellinen aikuinen rinnalla.",
        "benefits_en": "Personal support and a trusted adult by your side.",
        "age": (16, 29),
        "free": True,
        "duration_hint": "Yksilöllinen, enintään 6 kuukautta",
        "duration_hint_en": "Individual, up to 6 months",
        "referral": "Tee yhteydenottopyyntö nuoren suostumuksella sähköisellä lähetelomakkeella.",
        "specialist_prerequisites": "Ei edellytyksiä.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_NOT_BINDING,
        "statement": False,
        "statement_text": _STATEMENT_NONE,
        "benefit_notes": [],
        "client_system_entries": _ENTRY_SERVICE,
        "measures_during_participation": _MEASURES_LIGHT,
        "exceptions": _EXCEPTION_NONE,
        "suits_job_search_conversation": True,
        "suits_job_search_text": _SUITS_YES,
        "archiving": "",
        "client_consent": True,
        "consent_instructions": _CONSENT_PROVIDER,
    },
    {
        "name": "Ammatinvalinnan ryhmä nuorille",
        "name_sv": "Yrkesvalsgrupp för unga",
        "name_en": "Career choice group for young people",
        "category": "nuorten-palvelut",
        "audiences": ["job-seeker"],
        "situations": ["nuori-etsii-suuntaa", "haluan-opiskella"],
        "target_groups": ["nuoret"],
        "implementation": ["ryhmavalmennus", "lahitoteutus"],
        "short_description": "Ryhmä, jossa tutustut eri ammatteihin, vierailet oppilaitoksissa "
        "ja työpaikoilla ja teet hakusuunnitelman yhteishakuun.",
        "short_description_sv": "En grupp där du bekantar dig med yrken, besöker läroanstalter "
        "och arbetsplatser och gör en plan för den gemensamma ansökan.",
        "short_description_en": "A group in which you explore occupations, visit schools and "
        "workplaces and make a plan for the joint application.",
        "description_paragraphs": [
            "Ryhmässä tehdään kiinnostustestejä, kuullaan alan ammattilaisia ja käydään "
            "tutustumassa vähintään kolmeen oppilaitokseen.",
            "Lopuksi jokainen laatii hakusuunnitelman ja täyttää hakemuksen ohjaajan tuella.",
        ],
        "target_group_description": "16–24-vuotiaat ilman toisen asteen tutkintoa.",
        "participation": "Ilmoittaudu ohjaajalle tai asiantuntijan kautta.",
        "requirements": "Ei edellytyksiä.",
        "benefits": "Selkeä ammatillinen suunta ja valmis hakemus.",
        "age": (16, 24),
        "free": True,
        "duration_hint": "6 viikkoa, 3 päivää viikossa",
        "referral": "Tee lähete sähköisellä lähetelomakkeella; ryhmät alkavat tammikuussa ja "
        "elokuussa.",
        "specialist_prerequisites": "Tarkista, onko nuorella voimassa oleva opiskelupaikka.",
        "obligation": "binding_if_agreed",
        "obligation_text": _OBLIGATION_IF_AGREED,
        "statement": True,
        "statement_text": _STATEMENT_GIVEN,
        "benefit_notes": ["expense_compensation"],
        "client_system_entries": _ENTRY_SERVICE,
        "measures_during_participation": _MEASURES_FOLLOW_UP,
        "exceptions": "Jos nuori saa opiskelupaikan kesken ryhmän, ryhmä päättyy ilman "
        "seuraamuksia.",
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": _ARCHIVE_ATTENDANCE,
        "client_consent": True,
        "consent_instructions": _CONSENT_PROVIDER,
    },
    {
        "name": "Oppisopimusneuvonta nuorille",
        "name_sv": "Läroavtalsrådgivning för unga",
        "name_en": "Apprenticeship guidance for young people",
        "category": "nuorten-palvelut",
        "audiences": ["job-seeker"],
        "situations": ["haluan-opiskella", "nuori-etsii-suuntaa"],
        "target_groups": ["nuoret", "vastavalmistuneet"],
        "implementation": ["yksilovalmennus", "etatoteutus"],
        "short_description": "Neuvontaa siitä, miten voit suorittaa tutkinnon työn ohessa "
        "oppisopimuksella ja miten löydät työnantajan.",
        "short_description_sv": "Rådgivning om hur du kan avlägga en examen vid sidan av arbetet "
        "med läroavtal och hur du hittar en arbetsgivare.",
        "short_description_en": "Advice on completing a qualification alongside work through an "
        "apprenticeship and how to find an employer.",
        "description_paragraphs": [
            "Oppisopimusneuvoja kertoo, millä aloilla oppisopimuksia on tarjolla ja mitä "
            "työsuhteelta vaaditaan.",
            "Saat apua työnantajan etsimiseen ja yhteydenottoon oppilaitokseen.",
        ],
        "target_group_description": "Nuoret, jotka haluavat oppia työtä tekemällä.",
        "participation": "Varaa aika verkossa.",
        "requirements": "Ei edellytyksiä.",
        "benefits": "Tiedät, miten pääset tutkintoon palkallisen työn kautta.",
        "age": (16, 29),
        "free": True,
        "duration_hint": "1–3 tapaamista",
        "referral": "Kerro ajanvarauksesta; voit myös välittää nuoren yhteystiedot suostumuksella.",
        "specialist_prerequisites": "Ei edellytyksiä.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_NOT_BINDING,
        "statement": False,
        "statement_text": _STATEMENT_NONE,
        "benefit_notes": [],
        "client_system_entries": _ENTRY_NOTE,
        "measures_during_participation": _MEASURES_LIGHT,
        "exceptions": _EXCEPTION_NONE,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "",
        "client_consent": False,
        "consent_instructions": "",
    },
    # --- Työnantajapalvelut ------------------------------------------------
    {
        "name": "Rekrytointipalvelu työnantajille",
        "name_sv": "Rekryteringstjänst för arbetsgivare",
        "name_en": "Recruitment service for employers",
        "category": "tyonantajapalvelut",
        "audiences": ["employer"],
        "situations": ["tarvitsen-tyontekijan"],
        "target_groups": ["tyonantajat"],
        "implementation": ["yksilovalmennus", "etatoteutus"],
        "short_description": "Maksuton apu työpaikkailmoituksen laatimiseen, hakijoiden "
        "esivalintaan ja sopivien työnhakijoiden löytämiseen.",
        "short_description_sv": "Kostnadsfri hjälp med att skriva en platsannons, förhandsvälja "
        "sökande och hitta lämpliga arbetssökande.",
        "short_description_en": "Free help with writing a job advertisement, pre-selecting "
        "applicants and finding suitable job seekers.",
        "description_paragraphs": [
            "Rekrytointiasiantuntija kartoittaa kanssanne tehtävän osaamisvaatimukset ja "
            "auttaa kirjoittamaan ilmoituksen, joka tavoittaa oikeat hakijat.",
            "Asiantuntija voi esivalita hakijat ja ehdottaa työnhakijoita, joiden osaaminen "
            "vastaa tarvetta. Samalla kerrotaan rekrytointia tukevista palveluista, kuten "
            "palkkatuesta ja rekrytointikoulutuksesta.",
        ],
        "description_paragraphs_sv": [
            "Rekryteringsexperten kartlägger tillsammans med er kompetenskraven för uppgiften "
            "och hjälper er att skriva en annons som når rätt sökande.",
            "Experten kan förhandsvälja sökande och föreslå arbetssökande vars kunnande "
            "motsvarar behovet. Samtidigt berättar vi om stöd som lönesubvention.",
        ],
        "target_group_description": "Yritykset, yhdistykset ja säätiöt, joilla on "
        "rekrytointitarve.",
        "target_group_description_sv": "Företag, föreningar och stiftelser med rekryteringsbehov.",
        "participation": "Ota yhteyttä työnantajapalveluihin verkkolomakkeella tai puhelimitse.",
        "participation_sv": "Kontakta arbetsgivartjänsterna via webbformuläret eller per telefon.",
        "requirements": "Toimipaikka sijaitsee palvelualueella.",
        "requirements_sv": "Verksamhetsstället finns inom serviceområdet.",
        "benefits": "Nopeampi ja osuvampi rekrytointi ilman kustannuksia.",
        "benefits_sv": "Snabbare och mer träffsäker rekrytering utan kostnader.",
        "age": None,
        "free": True,
        "duration_hint": "Jatkuva, vastaus kahden arkipäivän kuluessa",
        "referral": "Kirjaa työnantajan yhteydenotto ja välitä se työnantajapalveluiden "
        "yhteiseen postilaatikkoon.",
        "specialist_prerequisites": "Työnantajalla ei saa olla verovelkoja tai "
        "työehtosopimusrikkomuksia, jos rekrytointiin liitetään tukia.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_EMPLOYER,
        "statement": False,
        "statement_text": _STATEMENT_EMPLOYER,
        "benefit_notes": [],
        "client_system_entries": _ENTRY_EMPLOYER,
        "measures_during_participation": _MEASURES_EMPLOYER,
        "exceptions": _EXCEPTION_NONE,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "",
        "client_consent": True,
        "consent_instructions": _CONSENT_EMPLOYER,
    },
    {
        "name": "Palkkatuen neuvonta työnantajille",
        "name_sv": "Rådgivning om lönesubvention för arbetsgivare",
        "name_en": "Pay subsidy guidance for employers",
        "category": "tyonantajapalvelut",
        "audiences": ["employer"],
        "situations": ["tarvitsen-tyontekijan"],
        "target_groups": ["tyonantajat"],
        "implementation": ["etatoteutus"],
        "short_description": "Neuvontaa palkkatuen edellytyksistä, määrästä ja hakemisesta "
        "sekä apua hakemuksen täyttämiseen.",
        "short_description_sv": "Rådgivning om förutsättningarna för lönesubvention, beloppet "
        "och ansökan samt hjälp med att fylla i ansökan.",
        "short_description_en": "Advice on pay subsidy conditions, amounts and applying, with "
        "help in completing the application.",
        "description_paragraphs": [
            "Palkkatuki on harkinnanvarainen tuki, jota voi saada työttömän työnhakijan "
            "palkkaamiseen. Tuen määrä ja kesto riippuvat työttömyyden kestosta ja "
            "työnhakijan tilanteesta.",
            "Neuvoja käy kanssanne läpi tukiehdot, työsuhteen vaatimukset ja "
            "maksatushakemuksen tekemisen.",
        ],
        "description_paragraphs_en": [
            "Pay subsidy is a discretionary subsidy that may be granted for hiring an "
            "unemployed job seeker. The amount and duration of the subsidy depend on how "
            "long the job seeker has been unemployed and on their situation.",
            "An adviser goes through the subsidy conditions, the requirements for the "
            "employment relationship and how to apply for payment with you.",
        ],
        "target_group_description": "Työnantajat, jotka harkitsevat työttömän työnhakijan "
        "palkkaamista.",
        "target_group_description_en": "Employers considering hiring an unemployed job seeker.",
        "participation": "Varaa puhelinaika tai lähetä kysymys verkkolomakkeella.",
        "participation_en": "Book a phone appointment or send a question using the online form.",
        "requirements": "Ei edellytyksiä.",
        "requirements_en": "No requirements.",
        "benefits": "Tiedätte, onko tuki mahdollinen ja miten se haetaan.",
        "benefits_en": "You will know whether the subsidy is possible and how to apply for it.",
        "age": None,
        "free": True,
        "duration_hint": "30 minuutin puhelinaika",
        "duration_hint_en": "A 30-minute phone appointment",
        "referral": "Ohjaa työnantaja varaamaan aika. Jos työnantaja on jo valinnut "
        "työntekijän, tarkista työnhakijan tukikelpoisuus.",
        "specialist_prerequisites": "Palkkatukipäätös tehdään ennen työsuhteen alkua.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_EMPLOYER,
        "statement": False,
        "statement_text": _STATEMENT_EMPLOYER,
        "benefit_notes": [],
        "client_system_entries": _ENTRY_EMPLOYER,
        "measures_during_participation": _MEASURES_EMPLOYER,
        "exceptions": "Jos työsuhde on jo alkanut, palkkatukea ei voida myöntää takautuvasti.",
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "",
        "client_consent": False,
        "consent_instructions": "",
    },
    {
        "name": "Rekrytointikoulutus yhteishankintana",
        "name_sv": "Rekryteringsutbildning som gemensam anskaffning",
        "name_en": "Joint-purchase recruitment training",
        "category": "tyonantajapalvelut",
        "audiences": ["employer"],
        "situations": ["tarvitsen-tyontekijan", "kehittaa-henkilostoa"],
        "target_groups": ["tyonantajat"],
        "implementation": ["lahitoteutus", "monimuoto"],
        "short_description": "Koulutus, joka suunnitellaan yrityksenne tarpeisiin ja "
        "rahoitetaan yhdessä. Koulutetut työnhakijat palkataan koulutuksen jälkeen.",
        "short_description_sv": "En utbildning som planeras enligt ert företags behov och "
        "finansieras gemensamt. De utbildade anställs efter utbildningen.",
        "short_description_en": "Training tailored to your company and co-funded; the trained "
        "job seekers are hired once the training ends.",
        "description_paragraphs": [
            "Yritys osallistuu hakijoiden valintaan ja koulutuksen sisällön suunnitteluun. "
            "Koulutus kestää tyypillisesti 2–6 kuukautta ja sisältää työssäoppimista.",
            "Yritys maksaa osan koulutuksen kustannuksista ja sitoutuu palkkaamaan "
            "koulutuksen hyväksytysti suorittaneet.",
        ],
        "target_group_description": "Työnantajat, joilla on tarve usealle samantyyppiselle "
        "osaajalle.",
        "participation": "Ota yhteyttä työnantajapalveluihin; sopimus tehdään ennen hankintaa.",
        "requirements": "Vähintään viiden henkilön rekrytointitarve.",
        "benefits": "Juuri teidän tarpeisiinne koulutetut työntekijät.",
        "age": None,
        "free": False,
        "price": "1200.00",
        "price_description": "Työnantajan osuus osallistujaa kohden; lopullinen hinta riippuu "
        "koulutuksen kestosta ja sisällöstä.",
        "duration_hint": "2–6 kuukautta",
        "referral": "Kirjaa yhteydenotto ja välitä koulutushankinnoista vastaavalle "
        "asiantuntijalle.",
        "specialist_prerequisites": "Hankinnan valmistelu vie 2–3 kuukautta; kerro tämä "
        "työnantajalle.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_EMPLOYER,
        "statement": False,
        "statement_text": _STATEMENT_EMPLOYER,
        "benefit_notes": [],
        "client_system_entries": _ENTRY_EMPLOYER,
        "measures_during_participation": _MEASURES_EMPLOYER,
        "exceptions": _EXCEPTION_NONE,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "Yhteishankintasopimus arkistoidaan hankinta-asiakirjojen mukana.",
        "client_consent": False,
        "consent_instructions": "",
    },
    {
        "name": "Muutosturvan palvelut työnantajille",
        "name_sv": "Omställningsskydd för arbetsgivare",
        "name_en": "Change security services for employers",
        "category": "tyonantajapalvelut",
        "audiences": ["employer"],
        "situations": ["muutostilanne"],
        "target_groups": ["tyonantajat", "lomautetut"],
        "implementation": ["lahitoteutus", "ryhmavalmennus"],
        "short_description": "Tukea irtisanomis- ja lomautustilanteisiin: infotilaisuudet "
        "henkilöstölle ja palvelut uuteen työhön siirtymiseen.",
        "short_description_sv": "Stöd vid uppsägningar och permitteringar: infotillfällen för "
        "personalen och tjänster för att hitta nytt arbete.",
        "short_description_en": "Support for redundancies and lay-offs: information sessions "
        "for staff and services for moving into new work.",
        "description_paragraphs": [
            "Asiantuntijat järjestävät työpaikalla infotilaisuuden, jossa kerrotaan "
            "työnhakijaksi ilmoittautumisesta, muutosturvasta ja tarjolla olevista "
            "palveluista.",
            "Tarvittaessa järjestetään ryhmämuotoista uravalmennusta ja "
            "muutosturvakoulutusta jo irtisanomisaikana.",
        ],
        "target_group_description": "Työnantajat, joilla on edessä irtisanomisia tai lomautuksia.",
        "participation": "Ottakaa yhteyttä heti, kun muutosneuvottelut alkavat.",
        "requirements": "Ei edellytyksiä.",
        "benefits": "Henkilöstö saa tiedon ja tuen ajoissa, ja siirtymä nopeutuu.",
        "age": None,
        "free": True,
        "duration_hint": "Tarpeen mukaan, infotilaisuus 1–2 tuntia",
        "referral": "Välitä yhteydenotto muutosturvatiimille. Sovi infotilaisuuden ajankohta "
        "työnantajan ja luottamushenkilöiden kanssa.",
        "specialist_prerequisites": "Selvitä irtisanottavien määrä ja aikataulu.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_EMPLOYER,
        "statement": False,
        "statement_text": _STATEMENT_EMPLOYER,
        "benefit_notes": [],
        "client_system_entries": _ENTRY_EMPLOYER,
        "measures_during_participation": _MEASURES_EMPLOYER,
        "exceptions": _EXCEPTION_NONE,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "",
        "client_consent": False,
        "consent_instructions": "",
    },
    {
        "name": "Monimuotoisen työyhteisön valmennus",
        "name_sv": "Coachning för en mångfaldig arbetsgemenskap",
        "name_en": "Diverse workplace coaching",
        "category": "tyonantajapalvelut",
        "audiences": ["employer"],
        "situations": ["kehittaa-henkilostoa", "tarvitsen-tyontekijan"],
        "target_groups": ["tyonantajat"],
        "implementation": ["lahitoteutus", "etatoteutus"],
        "short_description": "Esihenkilöille ja työyhteisölle suunnattu valmennus "
        "monikulttuurisen ja monimuotoisen henkilöstön perehdyttämiseen.",
        "short_description_sv": "Coachning för chefer och arbetsgemenskap i introduktion av en "
        "mångkulturell och mångfaldig personal.",
        "short_description_en": "Coaching for managers and teams on inducting a multicultural "
        "and diverse workforce.",
        "description_paragraphs": [
            "Valmennuksessa käsitellään selkokielistä perehdytystä, kulttuurien kohtaamista "
            "ja syrjimätöntä rekrytointia.",
            "Työpaikalle laaditaan perehdytysmateriaali, jota voidaan käyttää myös "
            "tulevissa rekrytoinneissa.",
        ],
        "target_group_description": "Työnantajat, jotka rekrytoivat maahan muuttaneita.",
        "participation": "Tilaa valmennus palveluntuottajalta.",
        "requirements": "Ei edellytyksiä.",
        "benefits": "Sujuvampi perehdytys ja parempi työhyvinvointi.",
        "age": None,
        "free": False,
        "price": "350.00",
        "price_description": "Hinta työpaikkaa kohden, sisältää kaksi valmennuskertaa. "
        "Pienille yrityksille on tarjolla alennus.",
        "duration_hint": "2 x 3 tuntia",
        "referral": "Kerro työnantajalle tilausohjeet.",
        "specialist_prerequisites": "Ei edellytyksiä.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_EMPLOYER,
        "statement": False,
        "statement_text": _STATEMENT_EMPLOYER,
        "benefit_notes": [],
        "client_system_entries": _ENTRY_EMPLOYER,
        "measures_during_participation": _MEASURES_EMPLOYER,
        "exceptions": _EXCEPTION_NONE,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "",
        "client_consent": False,
        "consent_instructions": "",
    },
    {
        "name": "Oppisopimusneuvonta työnantajille",
        "name_sv": "Läroavtalsrådgivning för arbetsgivare",
        "name_en": "Apprenticeship guidance for employers",
        "category": "tyonantajapalvelut",
        "audiences": ["employer"],
        "situations": ["tarvitsen-tyontekijan", "kehittaa-henkilostoa"],
        "target_groups": ["tyonantajat"],
        "implementation": ["yksilovalmennus"],
        "short_description": "Neuvontaa oppisopimuksen solmimisesta, koulutuskorvauksesta ja "
        "työpaikkaohjaajan tehtävistä.",
        "short_description_sv": "Rådgivning om att ingå läroavtal, utbildningsersättning och "
        "arbetsplatshandledarens uppgifter.",
        "short_description_en": "Advice on apprenticeship agreements, training compensation and "
        "the role of the workplace instructor.",
        "description_paragraphs": [
            "Neuvoja auttaa löytämään sopivan tutkinnon ja oppilaitoksen ja kertoo "
            "oppisopimukseen liitettävistä tuista.",
            "Työpaikkaohjaajaksi ryhtyvälle tarjotaan maksuton työpaikkaohjaajakoulutus.",
        ],
        "target_group_description": "Työnantajat, jotka haluavat kouluttaa uuden tai nykyisen "
        "työntekijän.",
        "participation": "Ota yhteyttä verkkolomakkeella.",
        "requirements": "Työsuhde, jossa on tutkinnon edellyttämiä työtehtäviä.",
        "benefits": "Osaava työntekijä ja koulutuskorvaus.",
        "age": None,
        "free": True,
        "duration_hint": "Yksi tapaaminen",
        "referral": "Välitä yhteydenotto oppisopimusneuvojalle.",
        "specialist_prerequisites": "Ei edellytyksiä.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_EMPLOYER,
        "statement": False,
        "statement_text": _STATEMENT_EMPLOYER,
        "benefit_notes": [],
        "client_system_entries": _ENTRY_EMPLOYER,
        "measures_during_participation": _MEASURES_EMPLOYER,
        "exceptions": _EXCEPTION_NONE,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "",
        "client_consent": False,
        "consent_instructions": "",
    },
    {
        "name": "Rekrytointitilaisuus työnantajalle",
        "name_sv": "Rekryteringstillfälle för arbetsgivare",
        "name_en": "Recruitment event for an employer",
        "category": "tyonantajapalvelut",
        "audiences": ["employer"],
        "situations": ["tarvitsen-tyontekijan"],
        "target_groups": ["tyonantajat"],
        "implementation": ["lahitoteutus", "etatoteutus"],
        "short_description": "Järjestämme yrityksellenne rekrytointitilaisuuden, johon "
        "kutsumme esivalitut työnhakijat.",
        "short_description_sv": "Vi ordnar ett rekryteringstillfälle för ert företag och bjuder "
        "in förhandsvalda arbetssökande.",
        "short_description_en": "We organise a recruitment event for your company and invite "
        "pre-selected job seekers.",
        "description_paragraphs": [
            "Tilaisuudessa yritys esittelee itsensä ja avoimet tehtävät, minkä jälkeen "
            "käydään lyhyet haastattelut.",
            "Tilaisuus voidaan järjestää työllisyyspalveluiden tiloissa, yrityksessä tai verkossa.",
        ],
        "target_group_description": "Työnantajat, joilla on useita avoimia paikkoja.",
        "participation": "Ota yhteyttä työnantajapalveluihin.",
        "requirements": "Vähintään kolme avointa tehtävää.",
        "benefits": "Useita hakijoita yhdellä kertaa ilman kustannuksia.",
        "age": None,
        "free": True,
        "duration_hint": "Valmistelu 2–3 viikkoa, tilaisuus 2–3 tuntia",
        "referral": "Välitä yhteydenotto työnantajapalveluihin ja kirjaa avoimet tehtävät.",
        "specialist_prerequisites": "Kutsu työnhakijoita, joiden osaaminen vastaa tehtäviä.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_EMPLOYER,
        "statement": False,
        "statement_text": _STATEMENT_EMPLOYER,
        "benefit_notes": [],
        "client_system_entries": _ENTRY_EMPLOYER,
        "measures_during_participation": _MEASURES_EMPLOYER,
        "exceptions": _EXCEPTION_NONE,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "",
        "client_consent": True,
        "consent_instructions": _CONSENT_EMPLOYER,
    },
    {
        "name": "Osaamisen kehittämisen sparraus pk-yrityksille",
        "name_sv": "Sparring i kompetensutveckling för små och medelstora företag",
        "name_en": "Skills development sparring for SMEs",
        "category": "tyonantajapalvelut",
        "audiences": ["employer"],
        "situations": ["kehittaa-henkilostoa", "muutostilanne"],
        "target_groups": ["tyonantajat"],
        "implementation": ["yksilovalmennus", "monimuoto"],
        "short_description": "Asiantuntija kartoittaa yrityksenne osaamistarpeet ja laatii "
        "kanssanne henkilöstön kehittämissuunnitelman.",
        "short_description_sv": "En expert kartlägger ert företags kompetensbehov och gör "
        "tillsammans med er en plan för personalutveckling.",
        "short_description_en": "An expert maps your company's skills needs and drafts a staff "
        "development plan with you.",
        "description_paragraphs": [
            "Sparraus alkaa johdon haastattelulla ja henkilöstökyselyllä. Niiden pohjalta "
            "tunnistetaan tärkeimmät osaamisaukot.",
            "Lopputuloksena saatte kehittämissuunnitelman ja tiedon julkisesti rahoitetuista "
            "koulutusmahdollisuuksista.",
        ],
        "target_group_description": "Alle 50 hengen yritykset.",
        "participation": "Tilaa sparraus verkkolomakkeella.",
        "requirements": "Yritys toimii palvelualueella.",
        "benefits": "Selkeä suunnitelma henkilöstön osaamisen kehittämiseen.",
        "age": None,
        "free": False,
        "price": "250.00",
        "price_description": "Omavastuuosuus yritystä kohden; loppuosa rahoitetaan "
        "hankerahoituksella.",
        "duration_hint": "3 tapaamista 2 kuukauden aikana",
        "referral": "Kerro työnantajalle tilausohjeet ja kirjaa yhteydenotto.",
        "specialist_prerequisites": "Ei edellytyksiä.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_EMPLOYER,
        "statement": False,
        "statement_text": _STATEMENT_EMPLOYER,
        "benefit_notes": [],
        "client_system_entries": _ENTRY_EMPLOYER,
        "measures_during_participation": _MEASURES_EMPLOYER,
        "exceptions": _EXCEPTION_NONE,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "",
        "client_consent": False,
        "consent_instructions": "",
    },
    {
        "name": "Kansainvälisen rekrytoinnin tuki",
        "name_sv": "Stöd för internationell rekrytering",
        "name_en": "International recruitment support",
        "category": "tyonantajapalvelut",
        "audiences": ["employer"],
        "situations": ["tarvitsen-tyontekijan"],
        "target_groups": ["tyonantajat"],
        "implementation": ["etatoteutus", "yksilovalmennus"],
        "short_description": "Neuvontaa ulkomaisen työntekijän rekrytoinnista, "
        "oleskeluluvista ja perehdytyksestä.",
        "short_description_sv": "Rådgivning om rekrytering av utländsk arbetskraft, "
        "uppehållstillstånd och introduktion.",
        "short_description_en": "Advice on recruiting foreign employees, residence permits and "
        "induction.",
        "description_paragraphs": [
            "Asiantuntija käy läpi rekrytointikanavat, lupaprosessin vaiheet ja "
            "työnantajan velvollisuudet.",
            "Lisäpalveluna voidaan tilata perehdytyspaketti, joka sisältää asettautumisen "
            "tuen ja kielikoulutuksen työntekijälle.",
        ],
        "target_group_description": "Työnantajat, jotka harkitsevat rekrytointia ulkomailta.",
        "participation": "Varaa aika verkossa.",
        "requirements": "Ei edellytyksiä.",
        "benefits": "Sujuva kansainvälinen rekrytointi ilman yllätyksiä.",
        "age": None,
        "free": False,
        "price": "490.00",
        "price_description": "Perusneuvonta on maksuton; hinta koskee perehdytyspakettia "
        "työntekijää kohden.",
        "duration_hint": "Neuvonta 1 tunti, paketti 3 kuukautta",
        "referral": "Ohjaa työnantaja varaamaan aika.",
        "specialist_prerequisites": "Ei edellytyksiä.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_EMPLOYER,
        "statement": False,
        "statement_text": _STATEMENT_EMPLOYER,
        "benefit_notes": [],
        "client_system_entries": _ENTRY_EMPLOYER,
        "measures_during_participation": _MEASURES_EMPLOYER,
        "exceptions": _EXCEPTION_NONE,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "",
        "client_consent": False,
        "consent_instructions": "",
    },
    {
        "name": "Työkykyjohtamisen valmennus esihenkilöille",
        "name_sv": "Coachning i ledning av arbetsförmåga för chefer",
        "name_en": "Work ability management coaching for managers",
        "category": "tyonantajapalvelut",
        "audiences": ["employer"],
        "situations": ["kehittaa-henkilostoa", "muutostilanne"],
        "target_groups": ["tyonantajat", "osatyokykyiset"],
        "implementation": ["verkkokurssi", "ryhmavalmennus"],
        "short_description": "Valmennus esihenkilöille osatyökykyisten työntekijöiden "
        "tukemisesta ja työn muokkaamisesta.",
        "short_description_sv": "Coachning för chefer i att stödja anställda med partiell "
        "arbetsförmåga och anpassa arbetet.",
        "short_description_en": "Coaching for managers on supporting employees with partial "
        "work ability and adapting work.",
        "description_paragraphs": [
            "Valmennuksessa käsitellään varhaisen tuen mallia, työn muokkausta ja "
            "yhteistyötä työterveyshuollon kanssa.",
            "Osallistujat tuovat mukaan oman työpaikkansa tapauksen, jota käsitellään "
            "anonyymisti ryhmässä.",
        ],
        "target_group_description": "Esihenkilöt ja henkilöstöhallinnon asiantuntijat.",
        "participation": "Ilmoittaudu palveluntuottajan verkkosivulla.",
        "requirements": "Ei edellytyksiä.",
        "benefits": "Keinoja pitää osaavat työntekijät työelämässä.",
        "age": None,
        "free": False,
        "price": "180.00",
        "price_description": "Hinta osallistujaa kohden.",
        "duration_hint": "4 x 2 tuntia verkossa",
        "referral": "Kerro työnantajalle ilmoittautumisohjeet.",
        "specialist_prerequisites": "Ei edellytyksiä.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_EMPLOYER,
        "statement": False,
        "statement_text": _STATEMENT_EMPLOYER,
        "benefit_notes": [],
        "client_system_entries": _ENTRY_EMPLOYER,
        "measures_during_participation": _MEASURES_EMPLOYER,
        "exceptions": _EXCEPTION_NONE,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "",
        "client_consent": False,
        "consent_instructions": "",
    },
    # --- Yrittäjyyden tuki -------------------------------------------------
    {
        "name": "Yrittäjyysneuvonta",
        "name_sv": "Företagsrådgivning",
        "name_en": "Business advice for new entrepreneurs",
        "category": "yrittajyys",
        "audiences": ["job-seeker"],
        "situations": ["ryhtya-yrittajaksi"],
        "target_groups": ["pitkaaikaistyottomat", "korkeasti-koulutetut", "lomautetut"],
        "implementation": ["yksilovalmennus", "etatoteutus"],
        "short_description": "Maksuton neuvonta yrityksen perustamiseen: liikeidean arviointi, "
        "liiketoimintasuunnitelma ja rahoitus.",
        "short_description_sv": "Kostnadsfri rådgivning om att grunda företag: bedömning av "
        "affärsidén, affärsplan och finansiering.",
        "short_description_en": "Free advice on starting a business: assessing the idea, the "
        "business plan and financing.",
        "description_paragraphs": [
            "Yritysneuvoja arvioi kanssasi liikeideasi kannattavuutta ja auttaa laatimaan "
            "liiketoimintasuunnitelman ja rahoituslaskelmat.",
            "Neuvoja antaa tarvittaessa lausunnon starttirahahakemusta varten ja ohjaa "
            "yrittäjäkoulutukseen tai mentoriksi kokeneen yrittäjän.",
        ],
        "description_paragraphs_sv": [
            "Företagsrådgivaren bedömer tillsammans med dig affärsidéns lönsamhet och hjälper "
            "dig att göra en affärsplan och finansieringskalkyler.",
            "Vid behov ger rådgivaren ett utlåtande för ansökan om startpeng och hänvisar dig "
            "till företagarutbildning eller en mentor.",
        ],
        "target_group_description": "Yrittäjyyttä suunnittelevat työnhakijat ja muut "
        "aloittavat yrittäjät.",
        "target_group_description_sv": "Arbetssökande och andra som planerar att starta företag.",
        "participation": "Varaa aika verkossa.",
        "participation_sv": "Boka tid på nätet.",
        "requirements": "Alustava liikeidea.",
        "requirements_sv": "En preliminär affärsidé.",
        "benefits": "Realistinen arvio ideasta ja valmis liiketoimintasuunnitelma.",
        "benefits_sv": "En realistisk bedömning av idén och en färdig affärsplan.",
        "age": None,
        "free": True,
        "duration_hint": "2–4 tapaamista",
        "referral": "Ohjaa asiakas varaamaan aika. Jos asiakas hakee starttirahaa, pyydä "
        "neuvojan lausunto liitteeksi.",
        "specialist_prerequisites": "Ei edellytyksiä.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_NOT_BINDING,
        "statement": False,
        "statement_text": _STATEMENT_NONE,
        "benefit_notes": [],
        "client_system_entries": _ENTRY_NOTE,
        "measures_during_participation": _MEASURES_LIGHT,
        "exceptions": _EXCEPTION_NONE,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "",
        "client_consent": False,
        "consent_instructions": "",
    },
    {
        "name": "Starttirahan neuvonta",
        "name_sv": "Rådgivning om startpeng",
        "name_en": "Start-up grant guidance",
        "category": "yrittajyys",
        "audiences": ["job-seeker"],
        "situations": ["ryhtya-yrittajaksi"],
        "target_groups": ["pitkaaikaistyottomat", "lomautetut"],
        "implementation": ["etatoteutus"],
        "short_description": "Neuvontaa starttirahan edellytyksistä ja hakemisesta ennen "
        "yritystoiminnan aloittamista.",
        "short_description_sv": "Rådgivning om förutsättningarna för startpeng och ansökan "
        "innan företagsverksamheten inleds.",
        "short_description_en": "Advice on the conditions for a start-up grant and how to apply "
        "before starting a business.",
        "description_paragraphs": [
            "Starttirahaa voidaan myöntää päätoimisen yritystoiminnan käynnistämiseen. "
            "Neuvonnassa käydään läpi edellytykset ja hakemuksen liitteet.",
            "Starttirahaa on haettava ennen yritystoiminnan aloittamista.",
        ],
        "target_group_description": "Päätoimiseksi yrittäjäksi aikovat.",
        "participation": "Varaa puhelinaika.",
        "requirements": "Liiketoimintasuunnitelma tai sen luonnos.",
        "benefits": "Tiedät, täyttyvätkö tuen edellytykset.",
        "age": None,
        "free": True,
        "duration_hint": "30 minuutin puhelinaika",
        "referral": "Käsittele starttirahahakemus erillisen ohjeen mukaan. Pyydä tarvittaessa "
        "yritysneuvojan lausunto.",
        "specialist_prerequisites": "Yritystoiminta ei saa olla alkanut ennen hakemusta.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_NOT_BINDING,
        "statement": True,
        "statement_text": "Starttirahan myöntämisestä annetaan lausunto, koska asiakas "
        "työllistyy päätoimiseksi yrittäjäksi.",
        "benefit_notes": [],
        "client_system_entries": "Kirjaa starttirahapäätös ja yritystoiminnan aloituspäivä.",
        "measures_during_participation": "Seuraa yritystoiminnan käynnistymistä "
        "starttirahakauden puolivälissä.",
        "exceptions": "Jos yritystoiminta on jo alkanut, starttirahaa ei voida myöntää.",
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "Starttirahapäätökset liitteineen arkistoidaan sähköisesti.",
        "client_consent": False,
        "consent_instructions": "",
    },
    {
        "name": "Yrittäjäksi-valmennus",
        "name_sv": "Coachning för blivande företagare",
        "name_en": "Becoming an entrepreneur coaching",
        "category": "yrittajyys",
        "audiences": ["job-seeker"],
        "situations": ["ryhtya-yrittajaksi", "haluan-vaihtaa-alaa"],
        "target_groups": ["korkeasti-koulutetut", "yli-55"],
        "implementation": ["ryhmavalmennus", "monimuoto"],
        "short_description": "Kuuden viikon valmennus, jossa testaat liikeideasi asiakkailla "
        "ja opit yrittäjän talouden ja markkinoinnin perusteet.",
        "short_description_sv": "En sex veckor lång coachning där du testar din affärsidé på "
        "kunder och lär dig grunderna i ekonomi och marknadsföring.",
        "short_description_en": "A six-week programme in which you test your business idea with "
        "customers and learn the basics of finance and marketing.",
        "description_paragraphs": [
            "Valmennuksessa käsitellään hinnoittelu, kirjanpito, verotus ja markkinointi. "
            "Jokainen osallistuja tekee asiakashaastatteluja omalle idealleen.",
            "Lopuksi liikeidea esitellään raadille, jossa on kokeneita yrittäjiä.",
        ],
        "target_group_description": "Yrittäjyyttä harkitsevat.",
        "participation": "Ilmoittaudu palveluntuottajan verkkosivulla.",
        "requirements": "Liikeidea.",
        "benefits": "Testattu liikeidea ja valmiudet aloittaa.",
        "age": None,
        "free": False,
        "price": "120.00",
        "price_description": "Työttömille työnhakijoille valmennus on maksuton maksusitoumuksella.",
        "duration_hint": "6 viikkoa, 2 iltaa viikossa",
        "referral": "Tee työttömälle asiakkaalle maksusitoumus sähköisellä lomakkeella.",
        "specialist_prerequisites": "Maksusitoumus edellyttää, että yrittäjyys on kirjattu "
        "työllistymissuunnitelmaan.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_NOT_BINDING,
        "statement": False,
        "statement_text": _STATEMENT_NONE,
        "benefit_notes": [],
        "client_system_entries": "Kirjaa maksusitoumus ja sen peruste asiakastietoihin.",
        "measures_during_participation": _MEASURES_LIGHT,
        "exceptions": _EXCEPTION_NONE,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "",
        "client_consent": False,
        "consent_instructions": "",
    },
    {
        "name": "Kevytyrittäjyyden infotilaisuus",
        "name_sv": "Infotillfälle om lättföretagande",
        "name_en": "Information session on light entrepreneurship",
        "category": "yrittajyys",
        "audiences": ["job-seeker"],
        "situations": ["ryhtya-yrittajaksi", "etsin-tyota"],
        "target_groups": ["nuoret", "maahan-muuttaneet"],
        "implementation": ["etatoteutus"],
        "short_description": "Verkkotilaisuus kevytyrittäjyydestä ja sen vaikutuksesta "
        "työttömyysetuuteen.",
        "short_description_sv": "Ett webbinarium om lättföretagande och hur det påverkar "
        "arbetslöshetsförmånen.",
        "short_description_en": "A webinar on light entrepreneurship and how it affects "
        "unemployment benefit.",
        "description_paragraphs": [
            "Tilaisuudessa kerrotaan laskutuspalveluiden käytöstä, vakuutuksista ja verotuksesta.",
            "Lopuksi asiantuntija vastaa kysymyksiin siitä, miten sivutoiminen yrittäjyys "
            "vaikuttaa etuuksiin.",
        ],
        "target_group_description": "Keikkatyötä ja sivutoimista yrittäjyyttä harkitsevat.",
        "participation": "Ilmoittaudu verkossa; saat linkin sähköpostiin.",
        "requirements": "Verkkoyhteys.",
        "benefits": "Tiedät, miten voit tehdä keikkatöitä turvallisesti.",
        "age": None,
        "free": True,
        "duration_hint": "1,5 tuntia, kerran kuukaudessa",
        "referral": "Kerro asiakkaalle ilmoittautumislinkki.",
        "specialist_prerequisites": "Ei edellytyksiä.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_NOT_BINDING,
        "statement": False,
        "statement_text": _STATEMENT_NONE,
        "benefit_notes": [],
        "client_system_entries": "Merkintää ei tarvita.",
        "measures_during_participation": _MEASURES_LIGHT,
        "exceptions": _EXCEPTION_NONE,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "",
        "client_consent": False,
        "consent_instructions": "",
    },
    # --- Palkkatuki ja tuettu työ ------------------------------------------
    {
        "name": "Palkkatuettu työ kaupungin yksiköissä",
        "name_sv": "Lönesubventionerat arbete i stadens enheter",
        "name_en": "Subsidised employment in city units",
        "category": "palkkatuki-ja-tuettu-tyo",
        "audiences": ["job-seeker"],
        "situations": ["pitkaan-tyottomana", "etsin-tyota"],
        "target_groups": ["pitkaaikaistyottomat", "yli-55", "osatyokykyiset"],
        "implementation": ["lahitoteutus"],
        "short_description": "Määräaikainen palkkatuettu työsuhde kaupungin yksikössä, "
        "esimerkiksi kiinteistöhuollossa, päiväkodissa tai kirjastossa.",
        "short_description_sv": "En visstidsanställning med lönesubvention i en av stadens "
        "enheter, till exempel fastighetsskötsel, daghem eller bibliotek.",
        "short_description_en": "A fixed-term subsidised job in a city unit, for example "
        "property maintenance, a day-care centre or a library.",
        "description_paragraphs": [
            "Työsuhde on tavallinen työsuhde, jossa maksetaan työehtosopimuksen mukaista "
            "palkkaa. Työn ohessa saat työhönvalmentajan tukea.",
            "Työsuhteen aikana suunnitellaan jatkoa avoimille työmarkkinoille tai koulutukseen.",
        ],
        "target_group_description": "Pitkään työttöminä olleet, joiden työllistyminen "
        "avoimille työmarkkinoille on vaikeutunut.",
        "participation": "Asiantuntija ehdottaa sopivaa tehtävää; haet sitä kuten muitakin "
        "työpaikkoja.",
        "requirements": "Palkkatukikelpoisuus ja työkyky tehtävään.",
        "benefits": "Palkka, työkokemus ja suositus seuraavaan työpaikkaan.",
        "age": None,
        "free": True,
        "duration_hint": "6–12 kuukautta, kokoaikainen tai osa-aikainen",
        "referral": "Tee ehdotus sähköisellä lähetelomakkeella kaupungin palkkatukitiimille "
        "ja liitä asiakkaan CV.",
        "specialist_prerequisites": "Tarkista työttömyyden kesto ja aiemmat palkkatukijaksot.",
        "obligation": "binding_if_agreed",
        "obligation_text": _OBLIGATION_IF_AGREED,
        "statement": True,
        "statement_text": "Työsuhteen alkaessa annetaan lausunto työllistymisestä. Työnhaku "
        "päättyy tai muuttuu työsuhteen ajaksi.",
        "benefit_notes": ["dissolves_work_requirement"],
        "client_system_entries": _ENTRY_WORKPLACE,
        "measures_during_participation": "Sovi seurantakeskustelu kolmen kuukauden kohdalla "
        "ja kaksi kuukautta ennen työsuhteen päättymistä.",
        "exceptions": "Jos työsuhde päättyy koeajalla, selvitä syy ja kirjaa se.",
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": _ARCHIVE_CONTRACT,
        "client_consent": True,
        "consent_instructions": _CONSENT_EMPLOYER,
    },
    {
        "name": "Työkokeilu",
        "name_sv": "Arbetsprövning",
        "name_en": "Work trial",
        "category": "palkkatuki-ja-tuettu-tyo",
        "audiences": ["job-seeker"],
        "situations": ["haluan-vaihtaa-alaa", "pitkaan-tyottomana"],
        "target_groups": ["pitkaaikaistyottomat", "maahan-muuttaneet", "nuoret"],
        "implementation": ["lahitoteutus"],
        "short_description": "Työkokeilussa selvität, sopiiko ala tai ammatti sinulle, tai "
        "vahvistat valmiuksiasi palata työelämään.",
        "short_description_sv": "Under en arbetsprövning utreder du om en bransch eller ett yrke "
        "passar dig eller stärker din förmåga att återvända till arbetslivet.",
        "short_description_en": "A work trial lets you find out whether a field or occupation "
        "suits you, or strengthens your readiness to return to work.",
        "description_paragraphs": [
            "Työkokeilu tehdään yrityksessä, yhdistyksessä tai julkisella työnantajalla. Se ei "
            "ole työsuhde, eikä siitä makseta palkkaa.",
            "Saat työttömyysetuutta ja kulukorvausta. Työkokeilun päätteeksi työnantaja "
            "antaa palautteen, jota voit käyttää työnhaussa.",
        ],
        "description_paragraphs_sv": [
            "Arbetsprövningen görs hos ett företag, en förening eller en offentlig arbetsgivare. "
            "Den är inte ett anställningsförhållande och ingen lön betalas.",
            "Du får arbetslöshetsförmån och kostnadsersättning. I slutet ger arbetsgivaren "
            "respons som du kan använda i jobbsökandet.",
        ],
        "target_group_description": "Työnhakijat, jotka haluavat kokeilla uutta alaa tai "
        "palata työelämään tauon jälkeen.",
        "target_group_description_sv": "Arbetssökande som vill pröva en ny bransch eller "
        "återvända till arbetslivet efter ett uppehåll.",
        "participation": "Etsi työkokeilupaikka itse tai asiantuntijan avulla. Sopimus "
        "tehdään yhdessä työnantajan kanssa.",
        "participation_sv": "Sök en plats själv eller med hjälp av din sakkunniga. Avtalet görs "
        "tillsammans med arbetsgivaren.",
        "requirements": "Olet työtön työnhakija ja työkokeilu on kirjattu suunnitelmaasi.",
        "requirements_sv": "Du är arbetslös arbetssökande och arbetsprövningen har skrivits in "
        "i din plan.",
        "benefits": "Kokemus alasta, palaute ja usein polku työsuhteeseen.",
        "benefits_sv": "Erfarenhet av branschen, respons och ofta en väg till anställning.",
        "age": None,
        "free": True,
        "duration_hint": "1–6 kuukautta, 4–8 tuntia päivässä",
        "referral": "Laadi työkokeilusopimus asiakastietojärjestelmässä yhdessä asiakkaan ja "
        "työnantajan kanssa ennen aloitusta.",
        "specialist_prerequisites": "Työkokeilu ei saa syrjäyttää työsuhteista työntekijää. "
        "Tarkista työnantajan aiemmat työkokeilut samaan tehtävään.",
        "obligation": "binding_if_agreed",
        "obligation_text": _OBLIGATION_IF_AGREED,
        "statement": True,
        "statement_text": _STATEMENT_GIVEN,
        "benefit_notes": ["allowance_during_waiting_period", "expense_compensation"],
        "client_system_entries": _ENTRY_WORKPLACE,
        "measures_during_participation": "Pidä väliarviointi puolivälissä ja pyydä "
        "työnantajalta loppupalaute.",
        "exceptions": "Työkokeilu voidaan keskeyttää, jos sopimusta ei noudateta tai asiakas "
        "työllistyy.",
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": _ARCHIVE_CONTRACT,
        "client_consent": True,
        "consent_instructions": _CONSENT_EMPLOYER,
    },
    {
        "name": "Työhönvalmennus työpaikalla",
        "name_sv": "Jobbcoachning på arbetsplatsen",
        "name_en": "Job coaching at the workplace",
        "category": "palkkatuki-ja-tuettu-tyo",
        "audiences": ["job-seeker"],
        "situations": ["terveys-rajoittaa", "etsin-tyota"],
        "target_groups": ["osatyokykyiset", "nuoret"],
        "implementation": ["yksilovalmennus", "lahitoteutus"],
        "short_description": "Työhönvalmentaja auttaa löytämään sopivan työpaikan ja tukee "
        "sinua ja työnantajaa työn alussa.",
        "short_description_sv": "En jobbcoach hjälper dig att hitta en lämplig arbetsplats och "
        "stöder dig och arbetsgivaren i början.",
        "short_description_en": "A job coach helps you find a suitable job and supports you and "
        "the employer when the work starts.",
        "description_paragraphs": [
            "Valmentaja kartoittaa vahvuutesi, etsii kanssasi työpaikan ja neuvottelee "
            "tarvittaessa tehtävien muokkaamisesta.",
            "Työn alettua valmentaja käy työpaikalla ja on työnantajan tukena.",
        ],
        "target_group_description": "Osatyökykyiset ja tukea tarvitsevat nuoret.",
        "participation": "Ohjaus asiantuntijan kautta.",
        "requirements": "Työkyky on arvioitu.",
        "benefits": "Pysyvämpi työsuhde ja tuki sekä sinulle että työnantajalle.",
        "age": None,
        "free": True,
        "duration_hint": "Enintään 12 kuukautta",
        "referral": "Tee lähete sähköisellä lähetelomakkeella ja liitä työkyvyn arvio "
        "suostumuksella.",
        "specialist_prerequisites": "Tarkista, tarvitaanko palkkatukea työsuhteeseen.",
        "obligation": "binding_if_agreed",
        "obligation_text": _OBLIGATION_IF_AGREED,
        "statement": False,
        "statement_text": _STATEMENT_NONE,
        "benefit_notes": [],
        "client_system_entries": _ENTRY_SERVICE,
        "measures_during_participation": _MEASURES_FOLLOW_UP,
        "exceptions": _EXCEPTION_HEALTH,
        "suits_job_search_conversation": True,
        "suits_job_search_text": _SUITS_YES,
        "archiving": "",
        "client_consent": True,
        "consent_instructions": _CONSENT_HEALTH,
    },
    {
        "name": "Työllistämistuki yli 55-vuotiaan palkkaamiseen",
        "name_sv": "Sysselsättningsstöd för att anställa personer över 55 år",
        "name_en": "Employment support for hiring people over 55",
        "category": "palkkatuki-ja-tuettu-tyo",
        "audiences": ["employer"],
        "situations": ["tarvitsen-tyontekijan"],
        "target_groups": ["tyonantajat", "yli-55"],
        "implementation": ["etatoteutus"],
        "short_description": "Työnantaja voi saada tukea 55 vuotta täyttäneen pitkään "
        "työttömänä olleen henkilön palkkaamiseen.",
        "short_description_sv": "En arbetsgivare kan få stöd för att anställa en person som "
        "fyllt 55 och varit arbetslös länge.",
        "short_description_en": "Employers can receive support for hiring a long-term "
        "unemployed person aged 55 or over.",
        "description_paragraphs": [
            "Tuki on tarkoitettu työsuhteisiin, jotka kestävät vähintään kuusi kuukautta. "
            "Tuki haetaan ennen työsuhteen alkua.",
            "Työnantajapalvelut auttavat hakemuksen tekemisessä ja selvittävät, täyttyvätkö "
            "tuen ehdot.",
        ],
        "target_group_description": "Työnantajat, jotka palkkaavat yli 55-vuotiaan.",
        "participation": "Ota yhteyttä työnantajapalveluihin.",
        "requirements": "Työnhakija täyttää tuen ehdot.",
        "benefits": "Kokenut työntekijä ja tuki palkkakustannuksiin.",
        "age": None,
        "free": True,
        "duration_hint": "Tuki enintään 10 kuukaudeksi",
        "referral": "Tarkista työnhakijan tukikelpoisuus ja ohjaa työnantaja hakemaan tukea "
        "sähköisesti.",
        "specialist_prerequisites": "Työnhakijan on oltava 55 vuotta täyttänyt ja ollut "
        "työttömänä vähintään 12 kuukautta.",
        "obligation": "not_binding",
        "obligation_text": _OBLIGATION_EMPLOYER,
        "statement": False,
        "statement_text": _STATEMENT_EMPLOYER,
        "benefit_notes": ["dissolves_work_requirement"],
        "client_system_entries": _ENTRY_EMPLOYER,
        "measures_during_participation": _MEASURES_EMPLOYER,
        "exceptions": "Tukea ei myönnetä, jos työnantaja on irtisanonut samanlaisista "
        "tehtävistä henkilöstöä viimeisen vuoden aikana.",
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": "Tukipäätökset arkistoidaan kunnan tiedonohjaussuunnitelman mukaisesti.",
        "client_consent": True,
        "consent_instructions": _CONSENT_EMPLOYER,
    },
    # --- Kuntouttava työtoiminta -------------------------------------------
    {
        "name": "Kuntouttava työtoiminta työpajassa",
        "name_sv": "Arbetsverksamhet i rehabiliteringssyfte i verkstad",
        "name_en": "Rehabilitative work activity in a workshop",
        "category": "kuntouttava-tyotoiminta",
        "audiences": ["job-seeker"],
        "situations": ["pitkaan-tyottomana", "terveys-rajoittaa"],
        "target_groups": ["pitkaaikaistyottomat", "osatyokykyiset"],
        "implementation": ["lahitoteutus", "ryhmavalmennus"],
        "short_description": "Työtoimintaa 1–4 päivänä viikossa työpajassa, jossa vahvistat "
        "arjen hallintaa ja työelämävalmiuksia.",
        "short_description_sv": "Arbetsverksamhet 1–4 dagar i veckan i en verkstad där du "
        "stärker vardagen och färdigheterna för arbetslivet.",
        "short_description_en": "Work activity 1–4 days a week in a workshop to strengthen your "
        "daily life skills and readiness for work.",
        "description_paragraphs": [
            "Työpajassa on tarjolla tehtäviä esimerkiksi puu- ja metallityössä, tekstiilityössä "
            "ja keittiössä. Tehtävät valitaan kiinnostuksesi ja voimavarojesi mukaan.",
            "Ohjaaja tukee sinua ja seuraa edistymistä. Jakson lopussa arvioidaan yhdessä, "
            "oletko valmis esimerkiksi työkokeiluun tai koulutukseen.",
        ],
        "description_paragraphs_sv": [
            "I verkstaden finns uppgifter till exempel inom trä- och metallarbete, textilarbete "
            "och kök. Uppgifterna väljs enligt dina intressen och resurser.",
            "Handledaren stöder dig och följer upp framstegen. I slutet av perioden bedöms om "
            "du är redo för till exempel arbetsprövning eller utbildning.",
        ],
        "target_group_description": "Pitkään työttöminä olleet, jotka tarvitsevat tukea "
        "arjen ja työkyvyn vahvistamiseen.",
        "target_group_description_sv": "Långtidsarbetslösa som behöver stöd för att stärka "
        "vardagen och arbetsförmågan.",
        "participation": "Kuntouttavasta työtoiminnasta sovitaan aktivointisuunnitelmassa "
        "yhdessä sosiaalityön kanssa.",
        "participation_sv": "Arbetsverksamheten avtalas i en aktiveringsplan tillsammans med "
        "socialarbetet.",
        "requirements": "Voimassa oleva aktivointisuunnitelma.",
        "requirements_sv": "En giltig aktiveringsplan.",
        "benefits": "Päivärytmi, sosiaaliset suhteet ja askel kohti työelämää.",
        "benefits_sv": "Dygnsrytm, sociala relationer och ett steg mot arbetslivet.",
        "age": None,
        "free": True,
        "duration_hint": "3–24 kuukautta, 1–4 päivää viikossa 4–8 tuntia",
        "referral": "Laadi aktivointisuunnitelma yhdessä sosiaalityön kanssa ja lähetä "
        "sähköinen lähete työpajalle.",
        "specialist_prerequisites": "Asiakkaan on oltava työmarkkinatuella tai "
        "toimeentulotuella, ja aktivointisuunnitelman on oltava voimassa.",
        "obligation": "always_binding",
        "obligation_text": _OBLIGATION_ALWAYS,
        "statement": True,
        "statement_text": "Kuntouttavasta työtoiminnasta annetaan lausunto Kelalle "
        "ylläpitokorvauksen maksamista varten.",
        "benefit_notes": ["expense_compensation"],
        "client_system_entries": _ENTRY_REHAB,
        "measures_during_participation": "Pidä väliarviointi kolmen kuukauden välein "
        "asiakkaan, ohjaajan ja sosiaalityön kesken.",
        "exceptions": _EXCEPTION_HEALTH,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": _ARCHIVE_ATTENDANCE,
        "client_consent": True,
        "consent_instructions": _CONSENT_PROVIDER,
    },
    {
        "name": "Arjen taidot -ryhmä",
        "name_sv": "Gruppen Vardagsfärdigheter",
        "name_en": "Everyday skills group",
        "category": "kuntouttava-tyotoiminta",
        "audiences": ["job-seeker"],
        "situations": ["pitkaan-tyottomana", "terveys-rajoittaa"],
        "target_groups": ["pitkaaikaistyottomat", "kotoutumisajan-ylittaneet"],
        "implementation": ["ryhmavalmennus", "lahitoteutus"],
        "short_description": "Ryhmämuotoista kuntouttavaa työtoimintaa, jossa harjoitellaan "
        "raha-asioita, ruoanlaittoa ja asiointia.",
        "short_description_sv": "Arbetsverksamhet i rehabiliteringssyfte i grupp där man övar "
        "ekonomi, matlagning och ärenden.",
        "short_description_en": "Group-based rehabilitative work activity practising money "
        "matters, cooking and running errands.",
        "description_paragraphs": [
            "Ryhmä kokoontuu kahtena päivänä viikossa. Ohjelmassa on budjetointia, "
            "ruoanlaittoa, liikuntaa ja retkiä.",
            "Tavoitteena on vahvistaa arjen hallintaa niin, että osallistuja voi siirtyä "
            "työpajaan tai työkokeiluun.",
        ],
        "target_group_description": "Henkilöt, joiden arjen hallinta tarvitsee tukea.",
        "participation": "Aktivointisuunnitelman kautta.",
        "requirements": "Voimassa oleva aktivointisuunnitelma.",
        "benefits": "Itsenäisempi arki ja valmiudet seuraavaan vaiheeseen.",
        "age": None,
        "free": True,
        "duration_hint": "4 kuukautta, 2 päivää viikossa",
        "referral": "Lähetä sähköinen lähete ryhmän ohjaajalle aktivointisuunnitelman "
        "laatimisen jälkeen.",
        "specialist_prerequisites": "Sovi palvelusta sosiaalityön kanssa.",
        "obligation": "always_binding",
        "obligation_text": _OBLIGATION_ALWAYS,
        "statement": True,
        "statement_text": "Kuntouttavasta työtoiminnasta annetaan lausunto Kelalle "
        "ylläpitokorvauksen maksamista varten.",
        "benefit_notes": ["expense_compensation"],
        "client_system_entries": _ENTRY_REHAB,
        "measures_during_participation": _MEASURES_FOLLOW_UP,
        "exceptions": _EXCEPTION_HEALTH,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": _ARCHIVE_ATTENDANCE,
        "client_consent": True,
        "consent_instructions": _CONSENT_PROVIDER,
    },
    {
        "name": "Kuntouttava työtoiminta kierrätyskeskuksessa",
        "name_sv": "Arbetsverksamhet i rehabiliteringssyfte på återvinningscentral",
        "name_en": "Rehabilitative work activity at a recycling centre",
        "category": "kuntouttava-tyotoiminta",
        "audiences": ["job-seeker"],
        "situations": ["pitkaan-tyottomana"],
        "target_groups": ["pitkaaikaistyottomat", "kotoutumisajan-ylittaneet"],
        "implementation": ["lahitoteutus"],
        "short_description": "Työtoimintaa kierrätyskeskuksessa: lajittelua, myymälätyötä, "
        "korjausta ja kuljetusten apuna toimimista.",
        "short_description_sv": "Arbetsverksamhet på en återvinningscentral: sortering, "
        "butiksarbete, reparationer och hjälp med transporter.",
        "short_description_en": "Work activity at a recycling centre: sorting, shop work, "
        "repairs and helping with deliveries.",
        "description_paragraphs": [
            "Kierrätyskeskuksessa pääset tekemään monipuolisia tehtäviä osana työyhteisöä. "
            "Voit suorittaa hygieniapassin ja trukkikortin toiminnan aikana.",
            "Ohjaaja laatii kanssasi tavoitteet ja arvioi edistymistä säännöllisesti.",
        ],
        "target_group_description": "Pitkään työttöminä olleet.",
        "participation": "Aktivointisuunnitelman kautta.",
        "requirements": "Voimassa oleva aktivointisuunnitelma.",
        "benefits": "Työyhteisö, työkokemus ja mahdollisuus suorittaa kortteja.",
        "age": None,
        "free": True,
        "duration_hint": "3–12 kuukautta, 3–4 päivää viikossa",
        "referral": "Lähetä sähköinen lähete kierrätyskeskuksen ohjaajalle.",
        "specialist_prerequisites": "Sovi palvelusta sosiaalityön kanssa.",
        "obligation": "always_binding",
        "obligation_text": _OBLIGATION_ALWAYS,
        "statement": True,
        "statement_text": "Kuntouttavasta työtoiminnasta annetaan lausunto Kelalle "
        "ylläpitokorvauksen maksamista varten.",
        "benefit_notes": ["expense_compensation"],
        "client_system_entries": _ENTRY_REHAB,
        "measures_during_participation": _MEASURES_FOLLOW_UP,
        "exceptions": _EXCEPTION_HEALTH,
        "suits_job_search_conversation": False,
        "suits_job_search_text": _SUITS_NO,
        "archiving": _ARCHIVE_ATTENDANCE,
        "client_consent": True,
        "consent_instructions": _CONSENT_PROVIDER,
    },
]

# ---------------------------------------------------------------------------
# Municipality-specific internal instructions (kuntakohtaiset ohjeet/poikkeukset).
# ---------------------------------------------------------------------------

MUNICIPALITY_GUIDANCE = {
    "helsinki": [
        "Helsingissä lähetteet käsitellään keskitetysti palveluohjaustiimissä, joka vastaa "
        "viiden arkipäivän kuluessa.",
        "Nuorten asiakkaiden ohjauksessa hyödynnetään ensisijaisesti matalan kynnyksen "
        "ohjauspistettä Sörnäisissä.",
        "Maksusitoumukset hyväksyy tiimiesihenkilö; liitä perustelu lähetteeseen.",
        "Kuntouttavan työtoiminnan aktivointisuunnitelmat laaditaan yhdessä alueellisen "
        "sosiaalityön kanssa.",
        "Palvelun päättyessä pyydä palveluntuottajalta loppuraportti viikon kuluessa.",
    ],
    "espoo": [
        "Espoossa lähete tehdään sähköisellä lähetelomakkeella, ja kopio lähetetään "
        "palvelualueen yhteiseen postilaatikkoon.",
        "Leppävaaran ja Espoon keskuksen asiakkaat ohjataan ensisijaisesti lähimpään "
        "toimipisteeseen.",
        "Monikielisessä ohjauksessa voi käyttää kaupungin etätulkkauspalvelua ilman erillistä "
        "tilausta.",
        "Kirjaa jokaiseen lähetteeseen asiakkaan toivoma yhteydenottotapa.",
    ],
    "vantaa": [
        "Vantaalla palveluun ohjaavan asiantuntijan on varmistettava asiakkaan kotikunta "
        "ennen lähetettä.",
        "Tikkurilan ja Myyrmäen palvelupisteiden jonotilanne tarkistetaan viikoittain "
        "tiimipalaverissa.",
        "Palkkatukeen liittyvät kysymykset ohjataan työnantajapalveluiden "
        "palkkatukiasiantuntijalle.",
        "Ryhmäpalveluiden aloituspäivät julkaistaan sisäisessä kalenterissa kuukausittain.",
    ],
    "kerava": [
        "Keravalla palveluohjaus hoidetaan omaohjaajamallilla: lähetteen tekee aina "
        "asiakkaan oma asiantuntija.",
        "Keski-Uudenmaan yhteispalveluihin voivat osallistua myös naapurikuntien asukkaat "
        "erillisen sopimuksen mukaan.",
        "Maksusitoumukset hyväksyy työllisyyspalveluiden päällikkö.",
        "Kirjaa palvelun aloitus viimeistään aloituspäivänä.",
    ],
    "raasepori": [
        "Raaseporissa palvelu tarjotaan ensisijaisesti ruotsiksi; varmista asiakkaan "
        "asiointikieli lähetteessä.",
        "Tammisaaren ja Karjaan toimipisteet jakavat ryhmäpalveluiden paikat tasan.",
        "Pitkien matkojen vuoksi asiakkaalle voidaan myöntää matkakulujen korvaus "
        "linja-autolipun hinnan mukaan.",
        "Yhteistyöstä Hangon ja Inkoon kanssa sovitaan tapauskohtaisesti.",
    ],
}

MUNICIPALITY_EXCEPTIONS = {
    "helsinki": [
        "Helsingissä palvelu on kesä-heinäkuussa suljettu; lähetteet käsitellään elokuussa.",
        "Helsinkiläisille yli 55-vuotiaille on varattu ryhmästä neljä paikkaa.",
        "Etätoteutus on mahdollinen vain, jos asiakkaalla on kaupungin lainalaite.",
    ],
    "espoo": [
        "Espoossa palvelun kesto voi olla enintään kolme kuukautta palvelusetelisopimuksen vuoksi.",
        "Espoolaisille järjestetään oma englanninkielinen ryhmä kaksi kertaa vuodessa.",
        "Kauniaisten asukkaat voivat osallistua Espoon kiintiössä.",
    ],
    "vantaa": [
        "Vantaalla palveluun voi osallistua ilman lähetettä, jos asiakas on alle 25-vuotias.",
        "Vantaalaisille kulukorvaus maksetaan kuukausittain jälkikäteen.",
        "Ryhmän koko on Vantaalla enintään 10 osallistujaa.",
    ],
    "kerava": [
        "Keravalla palvelua ei järjestetä omana ryhmänä; asiakkaat osallistuvat Vantaan ryhmään.",
        "Keravalaisille tarjotaan mahdollisuus yksilötapaamisiin omassa kaupungissa.",
        "Keravalla maksusitoumuksen enimmäismäärä on 300 euroa vuodessa.",
    ],
    "raasepori": [
        "Raaseporissa palvelu toteutetaan ruotsinkielisenä; suomenkieliset asiakkaat "
        "ohjataan Lohjan ryhmään.",
        "Raaseporissa ryhmä aloitetaan vasta, kun ilmoittautuneita on vähintään kuusi.",
        "Pohjan alueen asiakkaille tarjotaan etäosallistumismahdollisuus.",
    ],
}

# ---------------------------------------------------------------------------
# Contacts: roles and generic invented names for fake contact persons.
# ---------------------------------------------------------------------------

CONTACT_ROLES = [
    ("Palveluohjaaja", "Servicehandledare", "Service coordinator"),
    ("Työnhakuvalmentaja", "Jobbsökarcoach", "Job search coach"),
    ("Työhönvalmentaja", "Jobbcoach", "Job coach"),
    ("Uraohjaaja", "Karriärvägledare", "Career counsellor"),
    ("Tiimiesihenkilö", "Teamledare", "Team leader"),
    ("Asiakasneuvoja", "Kundrådgivare", "Customer adviser"),
    ("Työkykykoordinaattori", "Arbetsförmågekoordinator", "Work ability coordinator"),
    ("Yritysneuvoja", "Företagsrådgivare", "Business adviser"),
    ("Rekrytointiasiantuntija", "Rekryteringsexpert", "Recruitment specialist"),
    ("Koulutussuunnittelija", "Utbildningsplanerare", "Training planner"),
    ("Työvalmentaja", "Arbetscoach", "Work coach"),
    ("Projektikoordinaattori", "Projektkoordinator", "Project coordinator"),
]

FIRST_NAMES = [
    "Anna", "Maria", "Laura", "Sanna", "Johanna", "Heidi", "Mari", "Tiina", "Katja", "Minna",
    "Satu", "Elina", "Kaisa", "Riikka", "Hanna", "Jenni", "Noora", "Emma", "Linnea", "Sofia",
    "Mikko", "Juha", "Timo", "Jari", "Antti", "Matti", "Petri", "Janne", "Ville", "Markus",
    "Tuomas", "Sami", "Mikael", "Teemu", "Joonas", "Eero", "Aleksi", "Johan", "Erik", "Henrik",
]  # fmt: skip

LAST_NAMES = [
    "Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine",
    "Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen",
    "Heinonen", "Niemi", "Heikkilä", "Kinnunen", "Salonen", "Turunen", "Salo", "Laitinen",
    "Tuominen", "Rantanen", "Karjalainen", "Jokinen", "Mattila", "Savolainen", "Lahtinen",
    "Ahonen", "Lindholm", "Nyström", "Lindqvist", "Grönroos", "Forsman",
]  # fmt: skip

# ---------------------------------------------------------------------------
# Links (example.fi only) and content-policy topics.
# ---------------------------------------------------------------------------

INTERNAL_LINK_TITLES = [
    ("Sähköinen lähetelomake", "https://www.example.fi/intra/lahetelomake"),
    ("Maksusitoumuslomake", "https://www.example.fi/intra/maksusitoumus"),
    ("Työkokeilusopimuksen ohje", "https://www.example.fi/intra/tyokokeilu-ohje"),
    ("Palkkatuen käsittelyohje", "https://www.example.fi/intra/palkkatuki"),
    ("Aktivointisuunnitelman pohja", "https://www.example.fi/intra/aktivointisuunnitelma"),
    ("Suostumuslomake tietojen luovuttamiseen", "https://www.example.fi/intra/suostumus"),
    ("Tiedonohjaussuunnitelma", "https://www.example.fi/intra/tiedonohjaus"),
    ("Etätulkkauksen tilausohje", "https://www.example.fi/intra/tulkkaus"),
]

PUBLIC_LINK_TITLES = [
    ("Ilmoittaudu palveluun", "https://www.example.fi/ilmoittautuminen"),
    ("Palvelun esite", "https://www.example.fi/esite"),
    ("Ryhmien aloituspäivät", "https://www.example.fi/aloituspaivat"),
    ("Varaa aika", "https://www.example.fi/ajanvaraus"),
    ("Usein kysytyt kysymykset", "https://www.example.fi/ukk"),
    ("Palveluntuottajan verkkosivut", "https://www.example.fi/palveluntuottaja"),
    ("Hakulomake", "https://www.example.fi/hakulomake"),
    ("Saavutettavuusseloste", "https://www.example.fi/saavutettavuus"),
]

POLICY_TOPICS = [
    {
        "title": "Mitä palveluita manuaaliin kirjataan",
        "body": "Manuaaliin kirjataan kaikki työllisyyspalvelut, joihin sopimuskuntien "
        "asiantuntijat voivat ohjata asiakkaita. Yksittäisiä tapahtumia ei kirjata omiksi "
        "palveluikseen, vaan ne liitetään olemassa olevaan palveluun.",
    },
    {
        "title": "Palvelun nimeäminen",
        "body": "Palvelun nimi kertoo, mitä palvelussa tehdään, eikä se sisällä "
        "palveluntuottajan nimeä. Hanke- ja tuotenimiä käytetään vain, jos ne ovat "
        "asiakkaille tuttuja.",
    },
    {
        "title": "Selkeä kieli ja saavutettavuus",
        "body": "Julkiset tiedot kirjoitetaan selkeällä yleiskielellä ja puhuttelevat "
        "asiakasta sinä-muodossa. Lyhyt kuvaus on enintään kaksi virkettä ja kertoo, kenelle "
        "palvelu on tarkoitettu.",
    },
    {
        "title": "Sisäisten ohjeiden erottaminen julkisista tiedoista",
        "body": "Sisäisiin tietoihin kirjataan vain asiantuntijan työtä ohjaavat ohjeet, "
        "eikä niihin tallenneta asiakkaiden henkilötietoja. Julkiseen kuvaukseen ei kirjata "
        "etuuksiin tai seuraamuksiin liittyviä tulkintoja.",
    },
    {
        "title": "Kuntakohtaiset ohjeet",
        "body": "Kuntakohtaiset ohjeet kirjoitetaan vain silloin, kun käytäntö poikkeaa "
        "yhteisestä ohjeesta. Ohjeesta vastaa kyseisen kunnan sisällöntuottaja.",
    },
    {
        "title": "Vanhentuneet ja päättyneet palvelut",
        "body": "Palvelu arkistoidaan, kun sen viimeinen toteutus on päättynyt eikä uutta "
        "ole tiedossa. Päivittäjäpari tarkistaa tiedot vähintään neljän kuukauden välein.",
    },
]
