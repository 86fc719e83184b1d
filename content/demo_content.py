"""The texts of the demo's content pages (`content.demo`), in Finnish with their Swedish and
English translations where the demo has them.

Drawn from the agreement's communication and induction material and its personal-data
chapter (../shared/seed/, DOMAIN.md): what the manual is and how it is used, a news item, a
bulletin, a privacy notice per partner and the accessibility statement (the Act on the
Provision of Digital Services 306/2019). Contact addresses are example.fi addresses; the
privacy notices say they are demo texts that each partner replaces with its own.

A page is a dict: `slug`, `title`, `summary` ({locale: text}), `kind`, `days_ago` (its date,
before the demo's day), `menu` / `footer` (placement), `organisation` (privacy notices) and
`body`, a list of blocks: ("h", texts) a heading, ("p", texts) a paragraph, ("ul", [texts])
a list, ("notice", "info" | "warning", texts). Texts are plain (no markup, no "&", "<"):
each is one wagtail-localize segment, translated by the same dict.
"""

CONTACT = "palvelumanuaali@example.fi"
PARTNERS = ("helsinki", "espoo", "vantaa", "kerava", "raasepori")

HELP = {
    "slug": {"fi": "ohje", "sv": "hjalp", "en": "help"},
    "kind": "help",
    "menu": True,
    "footer": True,
    "days_ago": 40,
    "title": {
        "fi": "Näin käytät Palvelumanuaalia",
        "sv": "Så använder du Servicemanualen",
        "en": "How to use the Service Manual",
    },
    "summary": {
        "fi": "Palveluiden selaaminen ja haku, palvelusivu sekä asiantuntijan kirjautuminen "
        "ja sisäiset ohjeet.",
        "sv": "Att bläddra och söka bland tjänsterna, tjänstesidan samt expertens inloggning "
        "och interna anvisningar.",
        "en": "Browsing and searching the services, the service page, and signing in and "
        "internal instructions for experts.",
    },
    "body": [
        (
            "p",
            {
                "fi": "Työllisyyspalveluiden Palvelumanuaali kokoaa yhteen Uudenmaan "
                "työllisyyspalvelut. Sitä voi käyttää ilman kirjautumista: työnhakijat ja "
                "työnantajat löytävät siitä tilanteeseensa sopivat palvelut, ja asiantuntijat "
                "käyttävät sitä asiakasohjauksen tukena.",
                "sv": "Servicemanualen för sysselsättningstjänster samlar sysselsättningstjänsterna "
                "i Nyland på ett ställe. Den kan användas utan inloggning: arbetssökande och "
                "arbetsgivare hittar tjänster som passar deras situation, och experterna använder "
                "den som stöd i kundhandledningen.",
                "en": "The Employment Services Service Manual brings together the employment "
                "services of the Uusimaa region. It can be used without signing in: job seekers "
                "and employers find services that suit their situation, and experts use it to "
                "guide their clients.",
            },
        ),
        (
            "h",
            {
                "fi": "Palveluiden selaaminen",
                "sv": "Bläddra bland tjänsterna",
                "en": "Browsing the services",
            },
        ),
        (
            "ul",
            [
                {
                    "fi": "Valitse ensin, oletko työnhakija vai työnantaja.",
                    "sv": "Välj först om du är arbetssökande eller arbetsgivare.",
                    "en": "First choose whether you are a job seeker or an employer.",
                },
                {
                    "fi": "Rajaa palveluita elämäntilanteen tai palvelutarpeen, kohderyhmän, "
                    "kotikunnan ja iän mukaan.",
                    "sv": "Avgränsa tjänsterna enligt livssituation eller servicebehov, "
                    "målgrupp, hemkommun och ålder.",
                    "en": "Narrow the services down by life situation or service need, target "
                    "group, municipality of residence and age.",
                },
                {
                    "fi": "Jokaisella hakutuloksella on oma osoitteensa: voit jakaa sen tai "
                    "tallentaa kirjanmerkiksi.",
                    "sv": "Varje sökresultat har en egen adress: du kan dela den eller spara den "
                    "som bokmärke.",
                    "en": "Every list of results has its own address: you can share it or "
                    "bookmark it.",
                },
            ],
        ),
        (
            "h",
            {"fi": "Haku", "sv": "Sökning", "en": "Search"},
        ),
        (
            "p",
            {
                "fi": "Kirjoita hakukenttään palvelun nimi tai aihe, esimerkiksi työkokeilu tai "
                "kielikurssi. Haku ymmärtää sanojen taivutusmuodot ja yhdyssanat, ja "
                "hakutuloksia voi rajata kunnan, iän, kielen, toteutustavan ja maksuttomuuden "
                "mukaan.",
                "sv": "Skriv tjänstens namn eller ett ämne i sökfältet, till exempel "
                "arbetsprövning eller språkkurs. Sökningen förstår böjningsformer och "
                "sammansatta ord, och resultaten kan avgränsas enligt kommun, ålder, språk, "
                "genomförande och avgiftsfrihet.",
                "en": "Type the name of a service or a topic in the search box, for example work "
                "trial or language course. The search understands inflected forms and compound "
                "words, and the results can be narrowed down by municipality, age, language, "
                "implementation and free of charge.",
            },
        ),
        (
            "h",
            {"fi": "Palvelusivu", "sv": "Tjänstesidan", "en": "The service page"},
        ),
        (
            "p",
            {
                "fi": "Palvelusivulla kerrotaan, kenelle palvelu on tarkoitettu, milloin ja missä "
                "se järjestetään, mitä se maksaa, millä kielillä se on saatavilla ja miten "
                "palveluun osallistutaan. Sivun voi tulostaa tai tallentaa PDF-tiedostoksi.",
                "sv": "På tjänstesidan berättas för vem tjänsten är avsedd, när och var den "
                "ordnas, vad den kostar, på vilka språk den finns och hur man deltar i den. "
                "Sidan kan skrivas ut eller sparas som PDF-fil.",
                "en": "The service page tells who the service is for, when and where it is "
                "organised, what it costs, in which languages it is available and how to take "
                "part. The page can be printed or saved as a PDF file.",
            },
        ),
        (
            "h",
            {
                "fi": "Asiantuntijoille: sisäiset ohjeet",
                "sv": "För experter: interna anvisningar",
                "en": "For experts: internal instructions",
            },
        ),
        (
            "p",
            {
                "fi": "Kuntien asiantuntijat kirjautuvat omilla tunnuksillaan. Kirjautuneena "
                "palvelusivulla näkyy painike Näytä sisäiset ohjeet: ohjaus palveluun, "
                "velvoittavuus, kirjaukset asiakastietojärjestelmään, lausunnot ja "
                "työttömyysetuus sekä kuntakohtaiset ohjeet. Palveluita voi lisätä suosikeiksi, "
                "koota listoiksi, lähettää asiakkaalle ja niistä voi lähettää muutospyynnön.",
                "sv": "Kommunernas experter loggar in med sina egna användarnamn. Inloggad ser "
                "man på tjänstesidan knappen Visa interna anvisningar: hänvisning till tjänsten, "
                "förpliktelse, anteckningar i kunddatasystemet, utlåtanden och "
                "arbetslöshetsförmån samt kommunspecifika anvisningar. Tjänster kan sparas som "
                "favoriter, samlas i listor, skickas till kunden och man kan skicka en "
                "ändringsbegäran om dem.",
                "en": "Municipal experts sign in with their own accounts. Signed in, the service "
                "page has the button Show internal instructions: referral to the service, "
                "obligation, entries in the client information system, statements and "
                "unemployment benefit, and municipality-specific instructions. Services can be "
                "added to favourites, gathered into lists, sent to a client, and a change "
                "request can be sent about them.",
            },
        ),
        (
            "notice",
            "info",
            {
                "fi": "Sisäiset ohjeet näkyvät vain kirjautuneille kuntien käyttäjille. "
                "Asiakkaalle lähetetyssä listassa on vain palveluiden julkiset tiedot.",
                "sv": "De interna anvisningarna syns endast för inloggade kommunanvändare. En "
                "lista som skickas till kunden innehåller endast tjänsternas offentliga "
                "uppgifter.",
                "en": "Internal instructions are shown only to signed-in municipal users. A "
                "list sent to a client contains only the public information of the services.",
            },
        ),
        (
            "h",
            {"fi": "Tuki", "sv": "Stöd", "en": "Support"},
        ),
        (
            "p",
            {
                "fi": "Käyttöön ja tunnuksiin liittyvissä kysymyksissä ota yhteyttä oman "
                "organisaatiosi pääkäyttäjään. Palvelumanuaalin ylläpidon tavoitat "
                f"osoitteesta {CONTACT}.",
                "sv": "Kontakta din organisations huvudanvändare i frågor om användning och "
                f"användarnamn. Servicemanualens underhåll når du på adressen {CONTACT}.",
                "en": "For questions about using the manual and about accounts, contact your "
                "organisation's main user. The Service Manual's maintainers can be reached at "
                f"{CONTACT}.",
            },
        ),
    ],
}

PROVIDERS = {
    "slug": {"fi": "palveluntuottajille", "sv": "for-tjansteproducenter"},
    "kind": "help",
    "menu": False,
    "footer": True,
    "days_ago": 35,
    "title": {"fi": "Palveluntuottajille", "sv": "För tjänsteproducenter"},
    "summary": {
        "fi": "Miten palveluntuottaja pääsee mukaan ja miten palvelukuvaus etenee julkaisuun.",
        "sv": "Hur en tjänsteproducent kommer med och hur en tjänstebeskrivning går vidare "
        "till publicering.",
    },
    "body": [
        (
            "p",
            {
                "fi": "Palvelumanuaalin kautta palveluntuottajat tulevat osaksi Uudenmaan "
                "laajuista työllisyyspalveluiden verkostoa. Palveluntuottaja kirjoittaa omien "
                "palveluidensa julkiset kuvaukset, ja kunnan sisällöntuottaja tarkistaa ja "
                "julkaisee ne.",
                "sv": "Genom Servicemanualen blir tjänsteproducenterna en del av nätverket för "
                "sysselsättningstjänster i hela Nyland. Tjänsteproducenten skriver de offentliga "
                "beskrivningarna av sina tjänster, och kommunens innehållsproducent granskar och "
                "publicerar dem.",
            },
        ),
        (
            "h",
            {"fi": "Näin pääset mukaan", "sv": "Så kommer du med"},
        ),
        (
            "ul",
            [
                {
                    "fi": f"Ota yhteyttä projektiorganisaatioon osoitteeseen {CONTACT}.",
                    "sv": f"Kontakta projektorganisationen på adressen {CONTACT}.",
                },
                {
                    "fi": "Projektiorganisaatio lisää organisaatiosi järjestelmään ja luo "
                    "pääkäyttäjällesi tunnuksen. Saat kutsun ensivaiheen perehdytykseen.",
                    "sv": "Projektorganisationen lägger till din organisation i systemet och "
                    "skapar ett användarnamn för din huvudanvändare. Du får en inbjudan till "
                    "introduktionen.",
                },
                {
                    "fi": "Pääkäyttäjä kutsuu organisaation muut käyttäjät ja antaa heille roolit.",
                    "sv": "Huvudanvändaren bjuder in organisationens övriga användare och ger "
                    "dem roller.",
                },
            ],
        ),
        (
            "h",
            {"fi": "Julkaisuputki", "sv": "Publiceringsprocessen"},
        ),
        (
            "p",
            {
                "fi": "Palveluntuottajan vastuupäivittäjä ja kunnan vastuuhenkilö muodostavat "
                "palvelun päivittäjäparin. Kun lähetät kuvauksen tarkastettavaksi, kunta "
                "tarkistaa sen, täydentää sisäiset ohjeet ja julkaisee palvelun. Tavoiteaika on "
                "1–2 viikkoa aiemmin julkaistulle palvelulle ja 2–3 viikkoa uudelle palvelulle.",
                "sv": "Tjänsteproducentens ansvariga uppdaterare och kommunens ansvarsperson "
                "bildar tjänstens uppdateringspar. När du skickar beskrivningen för granskning "
                "granskar kommunen den, kompletterar de interna anvisningarna och publicerar "
                "tjänsten. Målet är 1–2 veckor för en tjänst som publicerats tidigare och 2–3 "
                "veckor för en ny tjänst.",
            },
        ),
    ],
}

ABOUT = {
    "slug": {"fi": "tietoa-palvelumanuaalista", "sv": "om-servicemanualen", "en": "about"},
    "kind": "about",
    "menu": False,
    "footer": True,
    "days_ago": 60,
    "title": {
        "fi": "Tietoa Palvelumanuaalista",
        "sv": "Om Servicemanualen",
        "en": "About the Service Manual",
    },
    "summary": {
        "fi": "Uudenmaan työllisyyspalvelut yhdessä paikassa: kenelle Palvelumanuaali on "
        "tehty ja kuka sitä ylläpitää.",
        "sv": "Sysselsättningstjänsterna i Nyland på ett ställe: för vem Servicemanualen är "
        "gjord och vem som underhåller den.",
        "en": "The employment services of Uusimaa in one place: who the Service Manual is for "
        "and who maintains it.",
    },
    "body": [
        (
            "p",
            {
                "fi": "Työllisyyspalveluiden Palvelumanuaali on Uudenmaan työvoimaviranomaisten "
                "yhteinen palveluluettelo. Siinä on kattava ja ajantasainen valikoima "
                "palveluita erilaisiin elämäntilanteisiin ja palvelutarpeisiin sekä "
                "asiantuntijoiden työ- ja prosessiohjeet.",
                "sv": "Servicemanualen för sysselsättningstjänster är arbetskraftsmyndigheternas "
                "gemensamma tjänstekatalog i Nyland. Den innehåller ett omfattande och "
                "aktuellt utbud av tjänster för olika livssituationer och servicebehov samt "
                "experternas arbets- och processanvisningar.",
                "en": "The Employment Services Service Manual is the joint service catalogue of "
                "the employment authorities of Uusimaa. It holds a comprehensive, up-to-date "
                "range of services for different life situations and service needs, and the "
                "experts' work and process instructions.",
            },
        ),
        (
            "h",
            {"fi": "Kenelle", "sv": "För vem", "en": "Who it is for"},
        ),
        (
            "ul",
            [
                {
                    "fi": "Työnhakijat löytävät elämäntilanteeseensa ja palvelutarpeeseensa "
                    "sopivia palveluita ja pääsevät mukaan oman palvelupolkunsa suunnitteluun.",
                    "sv": "Arbetssökande hittar tjänster som passar deras livssituation och "
                    "servicebehov och kan delta i planeringen av sin egen servicestig.",
                    "en": "Job seekers find services that suit their life situation and "
                    "service needs, and take part in planning their own service path.",
                },
                {
                    "fi": "Työnantajat löytävät palvelut muutos- ja rekrytointitilanteisiin ja "
                    "työntekijöiden työkyvyn ylläpitoon.",
                    "sv": "Arbetsgivare hittar tjänster för förändrings- och "
                    "rekryteringssituationer och för att upprätthålla de anställdas "
                    "arbetsförmåga.",
                    "en": "Employers find services for change and recruitment situations and "
                    "for keeping their employees able to work.",
                },
                {
                    "fi": "Kuntien asiantuntijat käyttävät sitä asiakasohjauksen tukena: "
                    "oikea palvelu oikeaan aikaan.",
                    "sv": "Kommunernas experter använder den som stöd i kundhandledningen: "
                    "rätt tjänst vid rätt tidpunkt.",
                    "en": "Municipal experts use it to guide their clients: the right service "
                    "at the right time.",
                },
                {
                    "fi": "Palveluntuottajat tuovat palvelutarjontansa näkyviin.",
                    "sv": "Tjänsteproducenterna gör sitt tjänsteutbud synligt.",
                    "en": "Service providers make their services visible.",
                },
            ],
        ),
        (
            "h",
            {"fi": "Kuka ylläpitää", "sv": "Vem underhåller", "en": "Who maintains it"},
        ),
        (
            "p",
            {
                "fi": "Palvelumanuaalia kehittävät ja ylläpitävät yhdessä sopimuskumppanit "
                "Helsinki, Espoo, Vantaa, Kerava ja Raasepori. Projektiorganisaatio vastaa "
                "kokonaisuuden koordinoinnista, teknisestä kehityksestä ja yhteisestä "
                "viestinnästä; sopimuskumppanit vastaavat alueensa sisällöistä, "
                "perehdytyksestä ja viestinnästä.",
                "sv": "Servicemanualen utvecklas och underhålls gemensamt av avtalsparterna "
                "Helsingfors, Esbo, Vanda, Kervo och Raseborg. Projektorganisationen ansvarar "
                "för samordningen av helheten, den tekniska utvecklingen och den gemensamma "
                "kommunikationen; avtalsparterna ansvarar för innehållet, introduktionen och "
                "kommunikationen i sitt område.",
                "en": "The Service Manual is developed and maintained jointly by the partners "
                "Helsinki, Espoo, Vantaa, Kerava and Raseborg. The project organisation "
                "coordinates the whole, develops the system and handles the joint "
                "communication; the partners are responsible for the content, induction and "
                "communication of their own region.",
            },
        ),
        (
            "p",
            {
                "fi": f"Yhteystiedot: {CONTACT}",
                "sv": f"Kontaktuppgifter: {CONTACT}",
                "en": f"Contact: {CONTACT}",
            },
        ),
    ],
}

ACCESSIBILITY = {
    "slug": {
        "fi": "saavutettavuusseloste",
        "sv": "tillganglighetsutlatande",
        "en": "accessibility-statement",
    },
    "kind": "accessibility",
    "menu": False,
    "footer": True,
    "days_ago": 14,
    "title": {
        "fi": "Saavutettavuusseloste",
        "sv": "Tillgänglighetsutlåtande",
        "en": "Accessibility statement",
    },
    "summary": {
        "fi": "Palvelumanuaalin verkkopalvelun saavutettavuuden tila, tunnetut puutteet ja "
        "palautteen antaminen.",
        "sv": "Servicemanualens webbtjänsts tillgänglighet, kända brister och hur du ger respons.",
        "en": "How accessible the Service Manual is, its known issues and how to give feedback.",
    },
    "body": [
        (
            "p",
            {
                "fi": "Tämä saavutettavuusseloste koskee Työllisyyspalveluiden Palvelumanuaalin "
                "verkkopalvelua: julkista palveluluetteloa ja asiantuntijanäkymää. Palvelua "
                "koskee laki digitaalisten palvelujen tarjoamisesta (306/2019), jonka mukaan "
                "julkisten verkkopalvelujen on oltava saavutettavia.",
                "sv": "Detta tillgänglighetsutlåtande gäller Servicemanualen för "
                "sysselsättningstjänsters webbtjänst: den offentliga tjänstekatalogen och "
                "expertvyn. Tjänsten omfattas av lagen om tillhandahållande av digitala "
                "tjänster (306/2019), enligt vilken offentliga webbtjänster ska vara "
                "tillgängliga.",
                "en": "This accessibility statement applies to the Employment Services Service "
                "Manual website: the public service catalogue and the experts' view. The "
                "service is subject to the Act on the Provision of Digital Services (306/2019), "
                "which requires public websites to be accessible.",
            },
        ),
        (
            "h",
            {
                "fi": "Saavutettavuuden tila",
                "sv": "Tillgänglighetsstatus",
                "en": "Compliance status",
            },
        ),
        (
            "p",
            {
                "fi": "Verkkopalvelu täyttää saavutettavuusvaatimukset osittain (WCAG 2.1 "
                "-ohjeiston taso AA). Sivut toimivat ilman JavaScriptiä, näppäimistöllä ja "
                "ruudunlukijalla, ja niiden kieli on merkitty.",
                "sv": "Webbtjänsten uppfyller tillgänglighetskraven delvis (WCAG 2.1, nivå AA). "
                "Sidorna fungerar utan JavaScript, med tangentbord och skärmläsare, och deras "
                "språk är angivet.",
                "en": "The website partially conforms to the accessibility requirements (WCAG "
                "2.1 level AA). The pages work without JavaScript, with a keyboard and with a "
                "screen reader, and their language is marked.",
            },
        ),
        (
            "h",
            {
                "fi": "Sisältö, joka ei ole saavutettavaa",
                "sv": "Innehåll som inte är tillgängligt",
                "en": "Non-accessible content",
            },
        ),
        (
            "ul",
            [
                {
                    "fi": "Palveluntuottajien lisäämät liitetiedostot, kuten PDF-esitteet, eivät "
                    "aina ole saavutettavia (WCAG 1.1.1, 1.3.1).",
                    "sv": "Bilagor som tjänsteproducenterna lagt till, till exempel PDF-broschyrer, "
                    "är inte alltid tillgängliga (WCAG 1.1.1, 1.3.1).",
                    "en": "Attachments added by service providers, such as PDF brochures, are "
                    "not always accessible (WCAG 1.1.1, 1.3.1).",
                },
                {
                    "fi": "Kaikkia palvelukuvauksia ei ole vielä käännetty ruotsiksi ja "
                    "englanniksi. Kääntämätön kuvaus näytetään suomeksi, ja sen kieli on "
                    "merkitty.",
                    "sv": "Alla tjänstebeskrivningar har ännu inte översatts till svenska och "
                    "engelska. En beskrivning som inte översatts visas på finska, och dess "
                    "språk är angivet.",
                    "en": "Not all service descriptions have been translated into Swedish and "
                    "English yet. An untranslated description is shown in Finnish, with its "
                    "language marked.",
                },
                {
                    "fi": "Karttalinkit avaavat ulkopuolisen OpenStreetMap-palvelun, jonka "
                    "saavutettavuuteen emme voi vaikuttaa. Osoite on aina myös tekstinä.",
                    "sv": "Kartlänkarna öppnar den externa tjänsten OpenStreetMap, vars "
                    "tillgänglighet vi inte kan påverka. Adressen finns alltid också som text.",
                    "en": "Map links open the external OpenStreetMap service, whose "
                    "accessibility we cannot influence. The address is always given as text "
                    "too.",
                },
                {
                    "fi": "Sisällönhallinnan muokkausnäkymiä, joita käyttävät sisällöntuottajat, "
                    "ei ole vielä arvioitu kokonaan.",
                    "sv": "Redigeringsvyerna i innehållshanteringen, som innehållsproducenterna "
                    "använder, har ännu inte utvärderats helt.",
                    "en": "The editing views of the content management system, used by content "
                    "producers, have not been fully evaluated yet.",
                },
            ],
        ),
        (
            "h",
            {
                "fi": "Selosteen laatiminen",
                "sv": "Hur utlåtandet har utarbetats",
                "en": "Preparation of this statement",
            },
        ),
        (
            "p",
            {
                "fi": "Seloste perustuu projektiorganisaation itsearvioon, automaattiseen "
                "testaukseen (axe-core) sekä näppäimistöllä ja ruudunlukijalla tehtyihin "
                "tarkistuksiin. Seloste päivitetään, kun palvelu muuttuu, ja vähintään kerran "
                "vuodessa.",
                "sv": "Utlåtandet bygger på projektorganisationens egen bedömning, automatisk "
                "testning (axe-core) samt kontroller med tangentbord och skärmläsare. "
                "Utlåtandet uppdateras när tjänsten ändras, och minst en gång om året.",
                "en": "The statement is based on the project organisation's self-assessment, "
                "automated testing (axe-core) and checks with a keyboard and a screen reader. "
                "It is updated when the service changes, and at least once a year.",
            },
        ),
        (
            "h",
            {
                "fi": "Palaute ja yhteystiedot",
                "sv": "Respons och kontaktuppgifter",
                "en": "Feedback and contact information",
            },
        ),
        (
            "p",
            {
                "fi": "Huomasitko saavutettavuuspuutteen tai tarvitsetko sisällön "
                f"saavutettavassa muodossa? Kerro siitä meille: {CONTACT}. Vastaamme kahden "
                "viikon kuluessa.",
                "sv": "Hittade du en tillgänglighetsbrist eller behöver du innehållet i "
                f"tillgänglig form? Meddela oss: {CONTACT}. Vi svarar inom två veckor.",
                "en": "Did you notice an accessibility issue, or do you need content in an "
                f"accessible format? Let us know: {CONTACT}. We answer within two weeks.",
            },
        ),
        (
            "h",
            {
                "fi": "Valvontaviranomainen",
                "sv": "Tillsynsmyndighet",
                "en": "Enforcement procedure",
            },
        ),
        (
            "p",
            {
                "fi": "Jos et ole tyytyväinen saamaasi vastaukseen tai et saa vastausta kahden "
                "viikon aikana, voit tehdä ilmoituksen valvontaviranomaiselle. Saavutettavuutta "
                "valvoo 1.1.2025 alkaen Liikenne- ja viestintävirasto Traficom; sitä ennen "
                "valvonta kuului Etelä-Suomen aluehallintovirastolle.",
                "sv": "Om du inte är nöjd med svaret eller inte får något svar inom två veckor "
                "kan du göra en anmälan till tillsynsmyndigheten. Tillgängligheten övervakas "
                "från och med 1.1.2025 av Transport- och kommunikationsverket Traficom; "
                "tidigare hörde tillsynen till Regionförvaltningsverket i Södra Finland.",
                "en": "If you are not satisfied with the reply, or you get no reply within two "
                "weeks, you can notify the enforcement authority. From 1 January 2025 "
                "accessibility is supervised by the Finnish Transport and Communications Agency "
                "Traficom; before that, by the Regional State Administrative Agency for "
                "Southern Finland.",
            },
        ),
        (
            "ul",
            [
                {
                    "fi": "Liikenne- ja viestintävirasto Traficom, Digitaalisen esteettömyyden "
                    "ja saavutettavuuden valvontayksikkö",
                    "sv": "Transport- och kommunikationsverket Traficom, Enheten för tillsyn "
                    "över digital tillgänglighet",
                    "en": "Finnish Transport and Communications Agency Traficom, Digital "
                    "Accessibility Supervision Unit",
                },
                {
                    "fi": "www.saavutettavuusvaatimukset.fi",
                    "sv": "www.tillganglighetskrav.fi",
                    "en": "www.webaccessibility.fi",
                },
                {
                    "fi": "saavutettavuus@traficom.fi",
                    "sv": "saavutettavuus@traficom.fi",
                    "en": "saavutettavuus@traficom.fi",
                },
                {
                    "fi": "puhelinvaihde 029 534 5000",
                    "sv": "telefonväxel 029 534 5000",
                    "en": "telephone switchboard +358 29 534 5000",
                },
            ],
        ),
    ],
}

NEWS = {
    "slug": {"fi": "palveluluettelo-avautui", "sv": "tjanstekatalogen-har-oppnats"},
    "kind": "news",
    "menu": False,
    "footer": False,
    "days_ago": 3,
    "title": {
        "fi": "Palveluluettelo avautui työnhakijoille ja työnantajille",
        "sv": "Tjänstekatalogen har öppnats för arbetssökande och arbetsgivare",
    },
    "summary": {
        "fi": "Palvelumanuaalin palveluita voi nyt selata ja hakea ilman kirjautumista "
        "suomeksi, ruotsiksi ja englanniksi.",
        "sv": "Servicemanualens tjänster kan nu bläddras och sökas utan inloggning på finska, "
        "svenska och engelska.",
    },
    "body": [
        (
            "p",
            {
                "fi": "Palvelumanuaalin uusi julkinen näkymä on avattu. Työnhakijat ja "
                "työnantajat voivat selata Uudenmaan työllisyyspalveluita elämäntilanteen, "
                "kohderyhmän ja palvelun aiheen mukaan sekä hakea palveluita vapaasti.",
                "sv": "Servicemanualens nya offentliga vy har öppnats. Arbetssökande och "
                "arbetsgivare kan bläddra bland sysselsättningstjänsterna i Nyland enligt "
                "livssituation, målgrupp och tjänstens ämne samt söka fritt bland tjänsterna.",
            },
        ),
        (
            "p",
            {
                "fi": "Asiantuntijat kirjautuvat samaan näkymään omilla tunnuksillaan ja näkevät "
                "lisäksi palveluiden sisäiset ohjeet. Kerro palautteesi oman alueesi "
                "viestintä- ja perehdytysvastaavalle.",
                "sv": "Experterna loggar in i samma vy med sina egna användarnamn och ser "
                "dessutom tjänsternas interna anvisningar. Ge respons till ditt områdes "
                "ansvariga för kommunikation och introduktion.",
            },
        ),
    ],
}

BULLETIN = {
    "slug": {"fi": "lomakauden-kasittelyajat", "sv": "handlaggningstider-under-semestern"},
    "kind": "bulletin",
    "menu": False,
    "footer": False,
    "days_ago": 10,
    "title": {
        "fi": "Tiedote: palveluiden käsittelyajat pitenevät lomakaudella",
        "sv": "Meddelande: handläggningstiderna blir längre under semestern",
    },
    "summary": {
        "fi": "Lomakaudella palvelukuvausten tarkastus voi kestää tavallista kauemmin.",
        "sv": "Under semestern kan granskningen av tjänstebeskrivningar ta längre tid än vanligt.",
    },
    "body": [
        (
            "notice",
            "warning",
            {
                "fi": "Lomakaudella julkaisuputki voi kestää tavoiteaikaa kauemmin.",
                "sv": "Under semestern kan publiceringsprocessen ta längre tid än målet.",
            },
        ),
        (
            "p",
            {
                "fi": "Kuntien sisällöntuottajien lomien vuoksi palvelukuvausten tarkastus ja "
                "julkaisu voivat viivästyä. Tavoiteajat ovat muulloin 1–2 viikkoa aiemmin "
                "julkaistuille ja 2–3 viikkoa uusille palveluille.",
                "sv": "På grund av kommunernas innehållsproducenters semestrar kan granskningen "
                "och publiceringen av tjänstebeskrivningar bli försenad. Målen är annars 1–2 "
                "veckor för tidigare publicerade och 2–3 veckor för nya tjänster.",
            },
        ),
        (
            "p",
            {
                "fi": "Lähetä kiireelliset muutokset hyvissä ajoin ja kerro kiireestä "
                "palvelun kunnan vastuuhenkilölle.",
                "sv": "Skicka brådskande ändringar i god tid och berätta om brådskan för "
                "tjänstens ansvarsperson i kommunen.",
            },
        ),
    ],
}

INDUCTION = {
    "slug": {"fi": "uusien-palveluntuottajien-perehdytys"},
    "kind": "news",
    "menu": False,
    "footer": False,
    "days_ago": 30,
    "title": {"fi": "Uusien palveluntuottajien perehdytys"},
    "summary": {
        "fi": "Projektiorganisaatio järjestää säännöllisesti perehdytyksiä uusille "
        "palveluntuottajille.",
    },
    "body": [
        (
            "p",
            {
                "fi": "Perehdytyksessä käydään läpi järjestelmän käyttö ja sisällöntuoton "
                "periaatteet: palvelukuvauksen rakenne, palvelulinjaukset ja julkaisuputki. "
                "Perehdytyksen jälkeen palveluntuottajan pääkäyttäjä kutsuu organisaation muut "
                "käyttäjät.",
            },
        ),
        (
            "p",
            {"fi": f"Ilmoittautumiset ja kysymykset: {CONTACT}."},
        ),
    ],
}


# --- Privacy notices, one per partner ------------------------------------------------------------
CITY = {
    "helsinki": {"fi": "Helsingin kaupunki", "sv": "Helsingfors stad", "en": "City of Helsinki"},
    "espoo": {"fi": "Espoon kaupunki", "sv": "Esbo stad", "en": "City of Espoo"},
    "vantaa": {"fi": "Vantaan kaupunki", "sv": "Vanda stad", "en": "City of Vantaa"},
    "kerava": {"fi": "Keravan kaupunki", "sv": "Kervo stad", "en": "City of Kerava"},
    "raasepori": {"fi": "Raaseporin kaupunki", "sv": "Raseborgs stad", "en": "City of Raseborg"},
}
SLUG_SV = {
    "helsinki": "helsingfors",
    "espoo": "esbo",
    "vantaa": "vanda",
    "kerava": "kervo",
    "raasepori": "raseborg",
}


def privacy_notice(slug: str) -> dict:
    """The privacy notice (tietosuojaseloste) of one partner, in Finnish and Swedish."""
    city = CITY[slug]
    email = f"tietosuoja@{slug}.example.fi"
    return {
        "slug": {"fi": f"tietosuojaseloste-{slug}", "sv": f"dataskyddsbeskrivning-{SLUG_SV[slug]}"},
        "kind": "privacy",
        "organisation": slug,
        "menu": False,
        "footer": True,
        "days_ago": 90,
        "title": {
            "fi": f"Tietosuojaseloste – {city['fi']}",
            "sv": f"Dataskyddsbeskrivning – {city['sv']}",
        },
        "summary": {
            "fi": f"Miten {city['fi']} käsittelee Palvelumanuaalin käyttäjien henkilötietoja "
            "yhteisrekisterinpitäjänä.",
            "sv": f"Hur {city['sv']} som gemensamt personuppgiftsansvarig behandlar "
            "personuppgifter om Servicemanualens användare.",
        },
        "body": [
            (
                "notice",
                "info",
                {
                    "fi": "Esittelyaineisto: sopimuskumppani korvaa tämän tekstin "
                    "hyväksymällään rekisteriselosteella.",
                    "sv": "Demonstrationsmaterial: avtalsparten ersätter denna text med sin "
                    "godkända registerbeskrivning.",
                },
            ),
            (
                "h",
                {"fi": "Rekisterinpitäjät", "sv": "Personuppgiftsansvariga"},
            ),
            (
                "p",
                {
                    "fi": f"{city['fi']} on Palvelumanuaalin henkilötietojen "
                    "yhteisrekisterinpitäjä yhdessä muiden sopimuskumppaneiden kanssa: Helsinki, "
                    "Espoo, Vantaa, Kerava ja Raasepori. Helsingin kaupunki toimii "
                    f"Palvelumanuaalin pääylläpitäjänä. {city['fi']} informoi oman "
                    "työvoima-alueensa rekisteröityjä ja vastaa heidän pyyntöihinsä.",
                    "sv": f"{city['sv']} är gemensamt personuppgiftsansvarig för "
                    "Servicemanualens personuppgifter tillsammans med de övriga avtalsparterna: "
                    "Helsingfors, Esbo, Vanda, Kervo och Raseborg. Helsingfors stad är "
                    f"Servicemanualens huvudsakliga förvaltare. {city['sv']} informerar de "
                    "registrerade i sitt eget arbetskraftsområde och svarar på deras begäranden.",
                },
            ),
            (
                "p",
                {
                    "fi": f"Yhteydenotot tietosuoja-asioissa: {email}",
                    "sv": f"Kontakt i dataskyddsfrågor: {email}",
                },
            ),
            (
                "h",
                {"fi": "Käsittelyn tarkoitus", "sv": "Ändamålet med behandlingen"},
            ),
            (
                "p",
                {
                    "fi": "Henkilötietoja käsitellään Palvelumanuaalin organisaatio- ja "
                    "käyttäjähallintaan: käyttäjätunnusten ja roolien hallintaan, palveluiden "
                    "päivittäjäparien ylläpitoon, ilmoituksiin ja muutospyyntöihin sekä "
                    "sisäisten tietojen käytön valvontaan käyttäjälokien avulla. Tietoja ei "
                    "tallenneta, säilytetä eikä käsitellä ilman käyttötarkoitusta.",
                    "sv": "Personuppgifterna behandlas för Servicemanualens organisations- och "
                    "användarhantering: hantering av användarnamn och roller, upprätthållande av "
                    "tjänsternas uppdateringspar, meddelanden och ändringsbegäranden samt "
                    "övervakning av användningen av interna uppgifter med hjälp av "
                    "användarloggar. Uppgifter lagras, sparas eller behandlas inte utan ändamål.",
                },
            ),
            (
                "h",
                {"fi": "Käsittelyn oikeusperuste", "sv": "Rättslig grund för behandlingen"},
            ),
            (
                "ul",
                [
                    {
                        "fi": "Sopimuskumppaneiden henkilöstö: EU:n yleisen tietosuoja-asetuksen "
                        "6 artiklan 1 kohdan c alakohta, rekisterinpitäjän lakisääteinen "
                        "velvoite. Käsittely perustuu työ- tai virkasuhteeseen.",
                        "sv": "Avtalsparternas personal: artikel 6.1 c i EU:s allmänna "
                        "dataskyddsförordning, en rättslig förpliktelse för den "
                        "personuppgiftsansvarige. Behandlingen grundar sig på arbets- eller "
                        "tjänsteförhållandet.",
                    },
                    {
                        "fi": "Palveluntuottajien käyttäjät: 6 artiklan 1 kohdan e alakohta, "
                        "yleisen edun mukainen tehtävä. Palveluntuottajat kertovat "
                        "palveluistaan vapaaehtoisesti työllisyyspalvelujen käyttöön.",
                        "sv": "Tjänsteproducenternas användare: artikel 6.1 e, en uppgift av "
                        "allmänt intresse. Tjänsteproducenterna berättar frivilligt om sina "
                        "tjänster för sysselsättningstjänsternas bruk.",
                    },
                ],
            ),
            (
                "h",
                {"fi": "Käsiteltävät tiedot", "sv": "Uppgifter som behandlas"},
            ),
            (
                "ul",
                [
                    {
                        "fi": "nimi, työsähköpostiosoite ja työpuhelinnumero",
                        "sv": "namn, e-postadress och telefonnummer i arbetet",
                    },
                    {
                        "fi": "organisaatio, rooli ja asiointikieli",
                        "sv": "organisation, roll och språk",
                    },
                    {
                        "fi": "kirjautumisajat ja käyttäjäloki sisäisten tietojen katselusta "
                        "(kuka, milloin, mitä, kanava ja IP-osoite)",
                        "sv": "inloggningstider och användarlogg över visning av interna "
                        "uppgifter (vem, när, vad, kanal och IP-adress)",
                    },
                    {
                        "fi": "suosikit, palvelulistat ja muutospyynnöt",
                        "sv": "favoriter, tjänstelistor och ändringsbegäranden",
                    },
                ],
            ),
            (
                "h",
                {"fi": "Tietolähteet", "sv": "Uppgiftskällor"},
            ),
            (
                "p",
                {
                    "fi": "Tiedot saadaan käyttäjältä itseltään ja hänen organisaationsa "
                    "pääkäyttäjältä, joka kutsuu käyttäjän ja antaa hänelle roolit. Lokitiedot "
                    "syntyvät palvelun käytöstä.",
                    "sv": "Uppgifterna fås av användaren själv och av huvudanvändaren i hans "
                    "eller hennes organisation, som bjuder in användaren och ger roller. "
                    "Logguppgifterna uppstår när tjänsten används.",
                },
            ),
            (
                "h",
                {
                    "fi": "Säilytys, luovutukset ja suojaus",
                    "sv": "Lagring, utlämnande och skydd",
                },
            ),
            (
                "p",
                {
                    "fi": "Käyttämättömästä tilistä varoitetaan, se suljetaan ja sen "
                    "henkilötiedot anonymisoidaan. Käyttäjälokia säilytetään ylläpidon "
                    "asettaman ajan. Tietoja ei luovuteta säännönmukaisesti eikä siirretä EU:n "
                    "tai ETA:n ulkopuolelle. Tietoja suojataan roolipohjaisilla "
                    "käyttöoikeuksilla, käyttäjäkoulutuksella ja käyttäjälokien keräämisellä.",
                    "sv": "Ett oanvänt konto varnas, stängs och dess personuppgifter "
                    "anonymiseras. Användarloggen sparas den tid som underhållet har "
                    "fastställt. Uppgifterna lämnas inte ut regelbundet och överförs inte utanför "
                    "EU eller EES. Uppgifterna skyddas med rollbaserade behörigheter, utbildning "
                    "av användarna och insamling av användarloggar.",
                },
            ),
            (
                "h",
                {"fi": "Rekisteröidyn oikeudet", "sv": "Den registrerades rättigheter"},
            ),
            (
                "p",
                {
                    "fi": "Sinulla on oikeus saada pääsy tietoihisi, oikaista ne, pyytää niiden "
                    "poistamista tai käsittelyn rajoittamista ja vastustaa käsittelyä. Osoita "
                    f"pyyntö oman alueesi sopimuskumppanille, tässä {city['fi']}: {email}. "
                    "Voit myös tehdä valituksen tietosuojavaltuutetun toimistolle.",
                    "sv": "Du har rätt att få tillgång till dina uppgifter, rätta dem, begära "
                    "att de raderas eller att behandlingen begränsas och att invända mot "
                    "behandlingen. Rikta begäran till avtalsparten i ditt område, här "
                    f"{city['sv']}: {email}. Du kan också lämna in ett klagomål till "
                    "dataombudsmannens byrå.",
                },
            ),
        ],
    }


PAGES = [HELP, PROVIDERS, ABOUT, ACCESSIBILITY, NEWS, BULLETIN, INDUCTION] + [
    privacy_notice(slug) for slug in PARTNERS
]
