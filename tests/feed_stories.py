"""Invented news stories, in English and Arabic, written for the fetch and daily
tests. Places, people and figures are made up."""

from __future__ import annotations

from feed_server import Story

FERRY_EN = Story(
    "ferry-en",
    "Storm halts ferry service between Qasr al-Bahr and Jazirat Nur",
    (
        "Ferry crossings between the port of Qasr al-Bahr and the island of Jazirat Nur were "
        "suspended on Saturday after waves of up to four metres battered the coast, the "
        "maritime authority said.",
        "About 1,200 passengers were stranded at the two terminals, and the authority said "
        "three vessels had returned to harbour shortly after leaving. Nobody was hurt.",
        "Harbour master Salim Darwish said crossings would resume once the wind dropped below "
        "35 knots, which forecasters expected by Monday morning.",
        "The island depends on the ferries for fuel and fresh food. Shopkeepers on Jazirat Nur "
        "said bread had already run short by Saturday afternoon.",
    ),
)

FERRY_AR = Story(
    "ferry-ar",
    "العاصفة توقف العبارات بين قصر البحر وجزيرة نور",
    (
        "أعلنت هيئة الملاحة البحرية يوم السبت تعليق رحلات العبارات بين ميناء قصر البحر وجزيرة نور، "
        "بعد أن ضربت الساحل أمواج بلغ ارتفاعها أربعة أمتار.",
        "وعلق نحو ألف ومئتي مسافر في المحطتين، وقالت الهيئة إن ثلاث سفن عادت إلى الميناء بعد وقت "
        "قصير من إبحارها، ولم يصب أحد بأذى.",
        "وقال مدير الميناء سالم درويش إن الرحلات ستستأنف حين تهدأ الرياح إلى ما دون خمس وثلاثين "
        "عقدة، وهو ما يتوقعه خبراء الأرصاد صباح الاثنين.",
        "وتعتمد الجزيرة على العبارات في الوقود والأغذية الطازجة، وقال أصحاب متاجر في جزيرة نور إن "
        "الخبز بدأ ينفد منذ ظهر السبت.",
    ),
)

LIBRARY_EN = Story(
    "library-en",
    "Old city library in Wadi Sarab reopens after five-year restoration",
    (
        "The municipal library of Wadi Sarab reopened its doors on Saturday after a restoration "
        "that took five years and cost 14 million dinars, the city council said.",
        "Workers repaired the cracked dome of the reading hall and rebuilt the wooden shelves "
        "by hand, using cedar taken from the original nineteenth-century cases.",
        "Librarian Huda Mansour said 40,000 books had been cleaned and catalogued during the "
        "closure, and that a new room for children would open in the spring.",
        "Hundreds of residents queued in the square before the doors opened, many of them "
        "carrying library cards issued decades ago.",
    ),
)

LIBRARY_AR = Story(
    "library-ar",
    "مكتبة وادي السراب القديمة تفتح أبوابها بعد ترميم دام خمس سنوات",
    (
        "أعادت مكتبة وادي السراب البلدية فتح أبوابها يوم السبت بعد أعمال ترميم استمرت خمس سنوات "
        "وكلفت أربعة عشر مليون دينار، بحسب المجلس البلدي.",
        "وأصلح العمال القبة المتشققة لقاعة المطالعة وأعادوا بناء الرفوف الخشبية يدوياً من خشب الأرز "
        "المأخوذ من الخزائن الأصلية التي تعود إلى القرن التاسع عشر.",
        "وقالت أمينة المكتبة هدى منصور إن أربعين ألف كتاب نُظفت وفُهرست خلال فترة الإغلاق، وإن "
        "قاعة جديدة للأطفال ستفتح في الربيع.",
        "واصطف مئات السكان في الساحة قبل فتح الأبواب، وكان كثير منهم يحملون بطاقات استعارة صدرت "
        "قبل عقود.",
    ),
)

MARKET_EN = Story(
    "market-en",
    "Date growers in Nakhla valley report record harvest",
    (
        "Farmers in the Nakhla valley harvested a record 62,000 tonnes of dates this season, "
        "the growers' cooperative said on Saturday, helped by a mild summer and new irrigation.",
        "The cooperative's chairman, Khalil Sabri, said prices at the wholesale market had "
        "fallen by a fifth as a result, and that growers would look for buyers abroad.",
        "Exporters said shipments to neighbouring countries could rise by a third if cold "
        "storage at the regional port was finished on time.",
    ),
)

MARKET_AR = Story(
    "market-ar",
    "مزارعو التمور في وادي النخلة يسجلون محصولاً قياسياً",
    (
        "حصد المزارعون في وادي النخلة هذا الموسم اثنين وستين ألف طن من التمور، وهو رقم قياسي، "
        "بحسب ما أعلنته جمعية المزارعين يوم السبت، بفضل صيف معتدل ونظام ري جديد.",
        "وقال رئيس الجمعية خليل صبري إن الأسعار في سوق الجملة تراجعت بنحو الخمس نتيجة لذلك، وإن "
        "المزارعين سيبحثون عن مشترين في الخارج.",
        "وقال مصدرون إن الشحنات إلى البلدان المجاورة قد ترتفع بمقدار الثلث إذا اكتمل بناء المخازن "
        "المبردة في الميناء الإقليمي في موعده.",
    ),
)

FERRY_EN_DAY2 = Story(
    "ferry-en-2",
    "Ferries to Jazirat Nur resume as storm passes",
    (
        "Ferry crossings between Qasr al-Bahr and Jazirat Nur resumed on Sunday evening after "
        "the wind dropped, a day earlier than forecasters had expected, the maritime authority "
        "said.",
        "The first vessel to leave carried fuel and flour for the island, where shopkeepers had "
        "run short of bread. Harbour master Salim Darwish said all stranded passengers would "
        "cross by Monday night.",
        "The authority said it would review its storm warnings after complaints that travellers "
        "were told of the suspension only when they reached the terminals.",
    ),
)

FERRY_AR_DAY2 = Story(
    "ferry-ar-2",
    "استئناف رحلات العبارات إلى جزيرة نور بعد انحسار العاصفة",
    (
        "استؤنفت رحلات العبارات بين قصر البحر وجزيرة نور مساء الأحد بعد أن هدأت الرياح، قبل يوم "
        "مما توقعه خبراء الأرصاد، بحسب هيئة الملاحة البحرية.",
        "وحملت أول سفينة غادرت الميناء وقوداً وطحيناً إلى الجزيرة التي نفد فيها الخبز من المتاجر، "
        "وقال مدير الميناء سالم درويش إن جميع المسافرين العالقين سيعبرون بحلول ليل الاثنين.",
        "وقالت الهيئة إنها ستراجع نظام التحذير من العواصف بعد شكاوى من أن المسافرين لم يعلموا "
        "بتعليق الرحلات إلا عند وصولهم إلى المحطات.",
    ),
)


def at(story: Story, link: str, published: str | None = "keep") -> Story:
    """The story published at `link` (and on another date, or undated with None)."""
    date = story.published if published == "keep" else published
    return Story(story.slug, story.title, story.paragraphs, date, link)
