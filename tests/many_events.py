"""Many unrelated events, each reported three times in Arabic and English,
written for the grouping tests and benchmark (no corpus text).

An input of a few hundred articles is where chance coincidences pile up:
two unrelated events of one weekday that both report a small count ("41
dead", "41 stalls") are bound to occur. `many_events` makes such an input
with a fixed seed: every event is a kind of story (a flood, a market
opening...) in one town on one weekday, with its own figures; small counts
are drawn from a narrow range so that unrelated events share some, as real
news does.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from briefing.ingest.load import make_article
from briefing.models import Article

TOWNS = (
    ("Sousse", "سوسة"),
    ("Sfax", "صفاقس"),
    ("Tangier", "طنجة"),
    ("Agadir", "أكادير"),
    ("Oran", "وهران"),
    ("Constantine", "قسنطينة"),
    ("Mosul", "الموصل"),
    ("Basra", "البصرة"),
    ("Aqaba", "العقبة"),
    ("Irbid", "إربد"),
    ("Zarqa", "الزرقاء"),
    ("Misrata", "مصراتة"),
    ("Benghazi", "بنغازي"),
    ("Aswan", "أسوان"),
    ("Luxor", "الأقصر"),
    ("Port Said", "بورسعيد"),
    ("Homs", "حمص"),
    ("Latakia", "اللاذقية"),
    ("Sidon", "صيدا"),
    ("Salalah", "صلالة"),
    ("Sohar", "صحار"),
    ("Dammam", "الدمام"),
    ("Taif", "الطائف"),
    ("Hodeidah", "الحديدة"),
    ("Nouakchott", "نواكشوط"),
)
DAYS = (
    ("Monday", "الاثنين"),
    ("Tuesday", "الثلاثاء"),
    ("Wednesday", "الأربعاء"),
    ("Thursday", "الخميس"),
    ("Friday", "الجمعة"),
    ("Saturday", "السبت"),
    ("Sunday", "الأحد"),
)


@dataclass(frozen=True)
class Kind:
    """A kind of story: its figures' slots (name -> how it is drawn) and
    two reports' wording in each language ({town}, {day} and the slots)."""

    name: str
    slots: dict[str, str]
    en: tuple[tuple[str, str], tuple[str, str]]
    ar: tuple[tuple[str, str], tuple[str, str]]


# Slots: "count" a small count (12-60), "hundreds" 100-990 by tens,
# "thousands" 1,000-9,900 by hundreds (written "3,200" / "3200"),
# "money" millions (20-900), "percent" 5-95.
KINDS = (
    Kind(
        "flood",
        {"dead": "count", "homes": "thousands"},
        (
            (
                "Floods kill {dead} in {town}",
                "Flash floods swept through {town} on {day}, killing {dead} people and "
                "damaging {homes} homes, the civil defence said.\n\nRescue teams were still "
                "searching for the missing as heavy rain kept falling on the hills around the "
                "town.",
            ),
            (
                "{town} counts the cost of deadly floods",
                "At least {dead} people died when rivers burst their banks in {town} on {day}, "
                "officials said, and {homes} houses were flooded.\n\nThe government sent army "
                "trucks with tents and drinking water to the worst hit districts.",
            ),
        ),
        (
            (
                "مقتل {dead} في سيول {town}",
                "اجتاحت سيول جارفة مدينة {town} يوم {day} وأودت بحياة {dead} شخصا وألحقت أضرارا "
                "بـ{homes} منزل، بحسب الدفاع المدني.\n\nوما زالت فرق الإنقاذ تبحث عن المفقودين "
                "مع استمرار هطول الأمطار الغزيرة على التلال المحيطة.",
            ),
            (
                "فيضانات {town} تخلف {dead} قتيلا",
                "لقي {dead} شخصا على الأقل حتفهم عندما فاضت الأنهار في {town} يوم {day}، وغمرت "
                "المياه {homes} منزل، وفق مسؤولين.\n\nوأرسلت الحكومة شاحنات للجيش محملة بالخيام "
                "ومياه الشرب إلى الأحياء الأكثر تضررا.",
            ),
        ),
    ),
    Kind(
        "market",
        {"stalls": "count", "cost": "money"},
        (
            (
                "New covered market opens in {town}",
                "A covered market with {stalls} stalls for farmers and fishermen opened in the "
                "centre of {town} on {day}, built at a cost of {cost} million dinars.\n\nTraders "
                "said the new halls would spare them the summer heat and the winter mud.",
            ),
            (
                "{town} traders move into new market halls",
                "The mayor of {town} opened the town's new market on {day}, giving {stalls} "
                "vendors a roof over their stalls after a {cost} million dinar project.\n\n"
                "Shoppers crowded the aisles on the first morning, looking for fresh fish and "
                "fruit.",
            ),
        ),
        (
            (
                "افتتاح سوق مغطاة جديدة في {town}",
                "افتتحت يوم {day} في وسط {town} سوق مغطاة تضم {stalls} محلا للمزارعين والصيادين، "
                "بكلفة بلغت {cost} مليون دينار.\n\nوقال التجار إن القاعات الجديدة ستقيهم حر الصيف "
                "ووحل الشتاء.",
            ),
            (
                "تجار {town} ينتقلون إلى السوق الجديدة",
                "دشن رئيس بلدية {town} يوم {day} السوق الجديدة للمدينة، لتوفر سقفا لـ{stalls} "
                "بائعا "
                "بعد مشروع كلف {cost} مليون دينار.\n\nوازدحمت الممرات بالمتسوقين منذ الصباح الأول "
                "بحثا عن السمك الطازج والفاكهة.",
            ),
        ),
    ),
    Kind(
        "bus crash",
        {"dead": "count", "hurt": "count"},
        (
            (
                "Bus crash near {town} kills {dead}",
                "A passenger bus overturned on the mountain road outside {town} on {day}, killing "
                "{dead} people and injuring {hurt}, police said.\n\nThe driver appeared to have "
                "lost control on a sharp bend, a police officer told reporters at the scene.",
            ),
            (
                "{dead} dead as bus overturns outside {town}",
                "Police said {dead} passengers died and {hurt} were hurt when their bus rolled off "
                "the road near {town} on {day}.\n\nAmbulances took the wounded to the town's main "
                "hospital, where doctors called for blood donors.",
            ),
        ),
        (
            (
                "مقتل {dead} في انقلاب حافلة قرب {town}",
                "انقلبت حافلة ركاب على الطريق الجبلي خارج {town} يوم {day}، ما أسفر عن مقتل {dead} "
                "شخصا وإصابة {hurt} آخرين، بحسب الشرطة.\n\nوقال ضابط في الموقع إن السائق فقد "
                "السيطرة على ما يبدو عند منعطف حاد.",
            ),
            (
                "حادث حافلة يخلف {dead} قتيلا قرب {town}",
                "قالت الشرطة إن {dead} راكبا لقوا حتفهم وأصيب {hurt} عندما خرجت حافلتهم عن الطريق "
                "قرب {town} يوم {day}.\n\nونقلت سيارات الإسعاف الجرحى إلى المستشفى الرئيسي في "
                "المدينة، حيث دعا الأطباء إلى التبرع بالدم.",
            ),
        ),
    ),
    Kind(
        "port strike",
        {"workers": "thousands", "days": "count"},
        (
            (
                "Dockers strike at {town} port",
                "About {workers} dock workers at the port of {town} walked out on {day}, saying "
                "they would strike for {days} days unless their wages were raised.\n\nShips "
                "queued outside the harbour as cranes stood idle on the quays.",
            ),
            (
                "{town} port at a standstill as dockers walk out",
                "Cargo handling stopped at {town} port on {day} when {workers} dockers began a "
                "{days}-day strike over pay, their union said.\n\nThe port authority said talks "
                "with the union would resume at the labour ministry.",
            ),
        ),
        (
            (
                "إضراب عمال ميناء {town}",
                "أضرب نحو {workers} عامل في ميناء {town} يوم {day}، وقالوا إنهم سيواصلون الإضراب "
                "{days} يوما ما لم ترفع أجورهم.\n\nواصطفت السفن خارج الميناء فيما توقفت الرافعات "
                "على الأرصفة.",
            ),
            (
                "شلل في ميناء {town} بسبب إضراب العمال",
                "توقفت عمليات الشحن في ميناء {town} يوم {day} عندما بدأ {workers} عامل إضرابا لمدة "
                "{days} يوما للمطالبة بزيادة الأجور، وفق نقابتهم.\n\nوقالت إدارة الميناء إن "
                "المحادثات مع النقابة ستستأنف في وزارة العمل.",
            ),
        ),
    ),
    Kind(
        "hospital",
        {"beds": "hundreds", "cost": "money"},
        (
            (
                "New hospital opens in {town}",
                "A {beds}-bed public hospital opened in {town} on {day}, the health ministry said, "
                "after three years of building that cost {cost} million dollars.\n\nIts first "
                "wards to open are maternity, children's medicine and a cancer unit.",
            ),
            (
                "{town} gets its first large hospital",
                "The health minister cut the ribbon on {day} at {town}'s new hospital, which has "
                "{beds} beds and cost {cost} million dollars.\n\nPatients had until now travelled "
                "for hours to the capital for surgery.",
            ),
        ),
        (
            (
                "افتتاح مستشفى جديد في {town}",
                "افتتح في {town} يوم {day} مستشفى حكومي بسعة {beds} سرير، بحسب وزارة الصحة، بعد "
                "ثلاث "
                "سنوات من البناء بكلفة {cost} مليون دولار.\n\nوأولى الأقسام التي تفتح أبوابها هي "
                "الولادة وطب الأطفال ووحدة للأورام.",
            ),
            (
                "{town} تحصل على أول مستشفى كبير",
                "قص وزير الصحة يوم {day} شريط افتتاح مستشفى {town} الجديد الذي يضم {beds} سرير "
                "وكلف {cost} مليون دولار.\n\nوكان المرضى يقطعون حتى الآن ساعات إلى العاصمة "
                "لإجراء العمليات الجراحية.",
            ),
        ),
    ),
    Kind(
        "earthquake",
        {"dead": "count", "buildings": "hundreds"},
        (
            (
                "Earthquake near {town} kills {dead}",
                "A strong earthquake struck near {town} before dawn on {day}, killing {dead} "
                "people "
                "and bringing down {buildings} buildings, the interior ministry said.\n\n"
                "Families slept in the streets for fear of aftershocks.",
            ),
            (
                "Quake flattens buildings in {town}",
                "Rescuers pulled survivors from the rubble in {town} after an earthquake on {day} "
                "left {dead} dead and destroyed {buildings} buildings.\n\nSeismologists said the "
                "tremor was felt as far as the coast.",
            ),
        ),
        (
            (
                "زلزال يقتل {dead} قرب {town}",
                "ضرب زلزال قوي منطقة قريبة من {town} قبل فجر يوم {day}، ما أدى إلى مقتل {dead} "
                "شخصا "
                "وانهيار {buildings} مبنى، بحسب وزارة الداخلية.\n\nوبات السكان في الشوارع خوفا من "
                "الهزات الارتدادية.",
            ),
            (
                "زلزال يدمر مباني في {town}",
                "انتشل المسعفون ناجين من تحت الأنقاض في {town} بعد زلزال وقع يوم {day} وخلف {dead} "
                "قتيلا ودمر {buildings} مبنى.\n\nوقال خبراء الزلازل إن الهزة شعر بها السكان حتى "
                "الساحل.",
            ),
        ),
    ),
    Kind(
        "harvest",
        {"tonnes": "thousands", "percent": "percent"},
        (
            (
                "Record wheat harvest around {town}",
                "Farmers around {town} brought in {tonnes} thousand tonnes of wheat this season, "
                "{percent} percent more than last year, the agriculture office said on {day}.\n\n"
                "Good winter rains filled the dams and the fields, farmers said.",
            ),
            (
                "{town} wheat crop jumps after wet winter",
                "The wheat harvest in the {town} region reached {tonnes} thousand tonnes, up "
                "{percent} percent, officials announced on {day}.\n\nThe state grain board said "
                "its silos would take the whole crop.",
            ),
        ),
        (
            (
                "محصول قمح قياسي في {town}",
                "جمع المزارعون في محيط {town} هذا الموسم {tonnes} ألف طن من القمح، بزيادة "
                "{percent} في المئة عن العام الماضي، بحسب مكتب الزراعة يوم {day}.\n\nوقال "
                "المزارعون إن أمطار الشتاء الوفيرة ملأت السدود والحقول.",
            ),
            (
                "قفزة في محصول القمح بـ{town}",
                "أعلن مسؤولون يوم {day} أن محصول القمح في منطقة {town} بلغ {tonnes} ألف طن، "
                "بارتفاع نسبته {percent} في المئة.\n\nوقال ديوان الحبوب إن صوامعه ستستوعب "
                "المحصول كله.",
            ),
        ),
    ),
    Kind(
        "bridge",
        {"metres": "hundreds", "cost": "money"},
        (
            (
                "New bridge opens over the river at {town}",
                "A {metres}-metre road bridge over the river at {town} opened to traffic on {day}, "
                "ending decades of ferry crossings.\n\nThe bridge cost {cost} million dollars "
                "and was built by a consortium of local firms.",
            ),
            (
                "{town} bridge cuts crossing time to minutes",
                "Drivers crossed the new {town} bridge for the first time on {day}; the "
                "{metres}-metre span cost {cost} million dollars.\n\nThe old ferry will keep "
                "running for foot passengers, the transport ministry said.",
            ),
        ),
        (
            (
                "افتتاح جسر جديد على النهر في {town}",
                "فتح جسر بطول {metres} متر فوق النهر في {town} أمام حركة السيارات يوم {day}، لينهي "
                "عقودا من العبور بالعبارات.\n\nوبلغت كلفة الجسر {cost} مليون دولار وبناه تحالف "
                "من الشركات المحلية.",
            ),
            (
                "جسر {town} يختصر العبور إلى دقائق",
                "عبر السائقون جسر {town} الجديد للمرة الأولى يوم {day}، ويبلغ طوله {metres} متر "
                "وكلف {cost} مليون دولار.\n\nوقالت وزارة النقل إن العبارة القديمة ستواصل نقل "
                "المشاة.",
            ),
        ),
    ),
    Kind(
        "vaccination",
        {"children": "thousands", "centres": "count"},
        (
            (
                "Measles vaccination drive starts in {town}",
                "Health workers began vaccinating {children} children against measles in {town} "
                "on {day}, using {centres} centres in schools and clinics.\n\nThe campaign "
                "follows an outbreak that filled the children's ward last month.",
            ),
            (
                "{town} launches child measles campaign",
                "A measles campaign aimed at {children} children opened in {town} on {day}, with "
                "{centres} vaccination centres, the health office said.\n\nParents queued from "
                "early morning outside the clinics.",
            ),
        ),
        (
            (
                "انطلاق حملة تطعيم ضد الحصبة في {town}",
                "بدأ العاملون الصحيون يوم {day} تطعيم {children} طفل ضد الحصبة في {town}، عبر "
                "{centres} مركزا في المدارس والعيادات.\n\nوتأتي الحملة بعد تفش ملأ جناح الأطفال "
                "الشهر الماضي.",
            ),
            (
                "{town} تطلق حملة ضد الحصبة للأطفال",
                "انطلقت في {town} يوم {day} حملة تطعيم ضد الحصبة تستهدف {children} طفل، من خلال "
                "{centres} مركزا، بحسب مكتب الصحة.\n\nواصطف الأهالي منذ الصباح الباكر أمام "
                "العيادات.",
            ),
        ),
    ),
    Kind(
        "power cut",
        {"hours": "count", "homes": "thousands"},
        (
            (
                "Power cut leaves {town} in the dark",
                "A fault at the main substation cut electricity to {homes} homes in {town} on "
                "{day}, and power was not fully back for {hours} hours.\n\nHospitals ran on "
                "generators and traffic lights went out across the town.",
            ),
            (
                "{town} blackout lasts {hours} hours",
                "Electricity failed across {town} on {day} after a transformer caught fire, "
                "leaving {homes} households without power for {hours} hours.\n\nThe power "
                "company apologised and promised to check every substation.",
            ),
        ),
        (
            (
                "انقطاع الكهرباء يغرق {town} في الظلام",
                "أدى عطل في المحطة الرئيسية إلى قطع الكهرباء عن {homes} منزل في {town} يوم {day}، "
                "ولم تعد الكهرباء بالكامل إلا بعد {hours} ساعة.\n\nواعتمدت المستشفيات على المولدات "
                "وتوقفت إشارات المرور في أنحاء المدينة.",
            ),
            (
                "انقطاع التيار في {town} يستمر {hours} ساعة",
                "انقطعت الكهرباء في أنحاء {town} يوم {day} بعد احتراق محول، ما ترك {homes} أسرة "
                "بلا كهرباء لمدة {hours} ساعة.\n\nواعتذرت شركة الكهرباء ووعدت بفحص جميع المحطات.",
            ),
        ),
    ),
    Kind(
        "fire",
        {"shops": "count", "firemen": "hundreds"},
        (
            (
                "Fire destroys shops in {town} old quarter",
                "A fire tore through the old quarter of {town} on {day}, burning down {shops} "
                "shops before {firemen} firefighters brought it under control.\n\nNo one was "
                "killed; the cause was thought to be an electrical fault.",
            ),
            (
                "Blaze in {town} souk guts {shops} shops",
                "Firefighters in {town} fought a blaze in the old souk through the night of "
                "{day}; {shops} shops were lost and {firemen} firemen took part.\n\nShopkeepers "
                "said they had warned for years about old wiring.",
            ),
        ),
        (
            (
                "حريق يلتهم محلات في المدينة القديمة بـ{town}",
                "اندلع حريق في المدينة القديمة بـ{town} يوم {day} والتهم {shops} محلا قبل أن "
                "يسيطر عليه {firemen} رجل إطفاء.\n\nولم يسجل سقوط قتلى، ويرجح أن السبب عطل "
                "كهربائي.",
            ),
            (
                "حريق في سوق {town} يدمر {shops} محلا",
                "كافح رجال الإطفاء في {town} حريقا في السوق القديمة طوال ليلة {day}، وخسر التجار "
                "{shops} محلا وشارك {firemen} رجل إطفاء.\n\nوقال أصحاب المحلات إنهم حذروا "
                "لسنوات من الأسلاك القديمة.",
            ),
        ),
    ),
    Kind(
        "school",
        {"pupils": "hundreds", "classrooms": "count"},
        (
            (
                "{town} opens a new secondary school",
                "A secondary school for {pupils} pupils opened in {town} on {day}, with "
                "{classrooms} "
                "classrooms, two laboratories and a library.\n\nTeachers said classes in the old "
                "school had been held in shifts for lack of room.",
            ),
            (
                "New school ends double shifts in {town}",
                "Pupils in {town} started lessons on {day} in a new school with {classrooms} "
                "classrooms built for {pupils} students, the education office said.\n\nThe "
                "old building will become a vocational training centre.",
            ),
        ),
        (
            (
                "افتتاح مدرسة ثانوية جديدة في {town}",
                "افتتحت في {town} يوم {day} مدرسة ثانوية تتسع لـ{pupils} تلميذ، وتضم {classrooms} "
                "فصلا ومختبرين ومكتبة.\n\nوقال المعلمون إن الدروس في المدرسة القديمة كانت تقام "
                "على فترتين لضيق المكان.",
            ),
            (
                "مدرسة جديدة تنهي نظام الفترتين في {town}",
                "بدأ التلاميذ في {town} الدراسة يوم {day} في مدرسة جديدة من {classrooms} فصلا بنيت "
                "لـ{pupils} طالب، بحسب مكتب التعليم.\n\nوسيتحول المبنى القديم إلى مركز للتدريب "
                "المهني.",
            ),
        ),
    ),
    Kind(
        "ferry",
        {"passengers": "hundreds", "missing": "count"},
        (
            (
                "Ferry sinks off {town}, {missing} missing",
                "A ferry carrying {passengers} passengers sank in rough seas off {town} on {day}, "
                "and {missing} people were still missing by nightfall, the coastguard said.\n\n"
                "Fishing boats joined navy ships in the search.",
            ),
            (
                "Search for {missing} missing after {town} ferry sinking",
                "Coastguard boats searched the waters off {town} after a ferry with {passengers} "
                "people on board went down on {day}; {missing} are unaccounted for.\n\nSurvivors "
                "said the ship listed suddenly in high waves.",
            ),
        ),
        (
            (
                "غرق عبارة قبالة {town} وفقدان {missing}",
                "غرقت عبارة تقل {passengers} راكب في بحر هائج قبالة {town} يوم {day}، وظل "
                "{missing} "
                "شخصا في عداد المفقودين حتى المساء، بحسب خفر السواحل.\n\nوانضمت قوارب الصيد إلى "
                "سفن البحرية في البحث.",
            ),
            (
                "البحث عن {missing} مفقودا بعد غرق عبارة {town}",
                "بحثت زوارق خفر السواحل في المياه قبالة {town} بعد غرق عبارة على متنها "
                "{passengers} "
                "شخص يوم {day}، ولا يزال مصير {missing} مجهولا.\n\nوقال ناجون إن السفينة مالت "
                "فجأة وسط الأمواج العالية.",
            ),
        ),
    ),
    Kind(
        "election",
        {"seats": "count", "turnout": "percent"},
        (
            (
                "Independents win {town} council vote",
                "Independent candidates took {seats} seats in the {town} municipal election held "
                "on {day}, with turnout at {turnout} percent, the election board said.\n\nThe "
                "outgoing mayor conceded defeat late in the evening.",
            ),
            (
                "{town} voters back independents in local poll",
                "Results of {day}'s municipal vote in {town} gave independents {seats} seats; "
                "{turnout} percent of voters cast a ballot.\n\nThe new council meets next week "
                "to choose a mayor.",
            ),
        ),
        (
            (
                "المستقلون يفوزون في انتخابات مجلس {town}",
                "حصل المرشحون المستقلون على {seats} مقعدا في الانتخابات البلدية في {town} التي "
                "جرت يوم {day}، وبلغت نسبة المشاركة {turnout} في المئة، بحسب هيئة الانتخابات.\n\n"
                "وأقر رئيس البلدية المنتهية ولايته بالهزيمة في وقت متأخر من المساء.",
            ),
            (
                "ناخبو {town} يدعمون المستقلين",
                "أظهرت نتائج الاقتراع البلدي في {town} يوم {day} فوز المستقلين بـ{seats} مقعدا، "
                "فيما أدلى {turnout} في المئة من الناخبين بأصواتهم.\n\nويجتمع المجلس الجديد "
                "الأسبوع المقبل لاختيار رئيس للبلدية.",
            ),
        ),
    ),
    Kind(
        "factory",
        {"jobs": "hundreds", "cost": "money"},
        (
            (
                "Car parts factory to open in {town}",
                "A car parts maker announced on {day} that it would build a factory in {town}, "
                "investing {cost} million euros and hiring {jobs} workers.\n\nProduction of "
                "wiring for European carmakers is due to start next year.",
            ),
            (
                "{town} wins {cost} million euro car parts plant",
                "The industry minister said on {day} that a {cost} million euro plant making car "
                "wiring would be built in {town}, creating {jobs} jobs.\n\nThe town was chosen "
                "for its port and its technical college.",
            ),
        ),
        (
            (
                "مصنع لقطع غيار السيارات في {town}",
                "أعلنت شركة لصناعة قطع غيار السيارات يوم {day} أنها ستبني مصنعا في {town} "
                "باستثمار {cost} مليون يورو وتوظيف {jobs} عامل.\n\nومن المقرر أن يبدأ إنتاج "
                "الأسلاك لمصنعي السيارات الأوروبيين العام المقبل.",
            ),
            (
                "{town} تفوز بمصنع قيمته {cost} مليون يورو",
                "قال وزير الصناعة يوم {day} إن مصنعا لأسلاك السيارات بكلفة {cost} مليون يورو "
                "سيقام في {town} وسيوفر {jobs} فرصة عمل.\n\nواختيرت المدينة لمينائها وكليتها "
                "التقنية.",
            ),
        ),
    ),
    Kind(
        "prisoners",
        {"freed": "count", "years": "count"},
        (
            (
                "{freed} prisoners freed from {town} jail",
                "Authorities released {freed} prisoners from the central jail in {town} on {day} "
                "under a presidential pardon, some after {years} years behind bars.\n\nRelatives "
                "waited at the prison gate with flowers.",
            ),
            (
                "Pardon frees {freed} inmates in {town}",
                "{freed} inmates walked out of {town} prison on {day} after a pardon; the longest "
                "serving had spent {years} years inside, their lawyers said.\n\nRights groups "
                "welcomed the step and asked for more releases.",
            ),
        ),
        (
            (
                "الإفراج عن {freed} سجينا من سجن {town}",
                "أفرجت السلطات يوم {day} عن {freed} سجينا من السجن المركزي في {town} بموجب عفو "
                "رئاسي، أمضى بعضهم {years} عاما خلف القضبان.\n\nوانتظر الأقارب عند بوابة السجن "
                "حاملين الورود.",
            ),
            (
                "عفو يطلق سراح {freed} سجينا في {town}",
                "خرج {freed} سجينا من سجن {town} يوم {day} بعد عفو، وكان أقدمهم قد أمضى {years} "
                "عاما في السجن، بحسب محاميهم.\n\nورحبت منظمات حقوقية بالخطوة وطالبت بالمزيد.",
            ),
        ),
    ),
)


def _figure(kind: str, rng: random.Random) -> int:
    if kind == "count":
        return rng.randint(12, 60)
    if kind == "hundreds":
        return rng.randrange(100, 1000, 10)
    if kind == "thousands":
        return rng.randrange(1000, 10000, 100)
    if kind == "money":
        return rng.randrange(20, 900, 5)
    return rng.randint(5, 95)  # percent


def _written(value: int, lang: str) -> str:
    """English groups thousands with a comma; Arabic writes the digits."""
    return f"{value:,}" if lang == "en" and value >= 1000 else str(value)


@dataclass(frozen=True)
class Event:
    """One event: its kind, town and weekday (indexes) and figures."""

    kind: int
    town: int
    day: int
    figures: dict[str, int]


def events(count: int, seed: int) -> list[Event]:
    """`count` events (at most 7 per kind), each of a distinct (kind,
    weekday) in a random town, with random figures: two events of one kind
    are days apart, as near misses are, and an unrelated event of the same
    weekday is of another kind."""
    rng = random.Random(seed)
    slots = [(k, d) for k in range(len(KINDS)) for d in range(len(DAYS))]
    chosen = rng.sample(slots, count)
    return [
        Event(
            k, rng.randrange(len(TOWNS)), d, {s: _figure(v, rng) for s, v in KINDS[k].slots.items()}
        )
        for k, d in chosen
    ]


# Which languages an event's three reports are in: many stories are told in
# one language only.
_LANGUAGES = (("en", "en", "ar"), ("ar", "ar", "en"), ("en", "en", "en"), ("ar", "ar", "ar"))


def _report(kind: Kind, lang: str, nth: int) -> tuple[str, str]:
    """The title and text of the `nth` report of a kind in one language:
    its two wordings, then the first's title over the second's text (a
    wire's story under another outlet's headline)."""
    wordings = kind.en if lang == "en" else kind.ar
    if nth < 2:
        return wordings[nth]
    return wordings[0][0], wordings[1][1]


def many_events(
    count: int = 100, seed: int = 41, dated: bool = False
) -> tuple[list[Article], dict[str, str]]:
    """Three reports of each of `count` events (in turn: two English and an
    Arabic one, the reverse, all English, all Arabic), and the gold event of
    each article id. Undated
    unless `dated`: then each event has a day in a fortnight (its weekday
    the one its reports name) and reports are out within a day of it."""
    rng = random.Random(seed + 1)
    start = dt.datetime(2026, 11, 2, 6, tzinfo=dt.UTC)  # a Monday
    articles, gold = [], {}
    for e, event in enumerate(events(count, seed)):
        kind = KINDS[event.kind]
        langs = _LANGUAGES[e % len(_LANGUAGES)]
        when = start + dt.timedelta(days=event.day + 7 * rng.randrange(2))
        for wording, lang in enumerate(langs):
            title, text = _report(kind, lang, langs[:wording].count(lang))
            names = {
                "town": TOWNS[event.town][lang == "ar"],
                "day": DAYS[event.day][lang == "ar"],
                **{s: _written(v, lang) for s, v in event.figures.items()},
            }
            article_id = f"{kind.name.replace(' ', '-')}-{event.day}-{lang}-{wording}"
            articles.append(
                make_article(
                    id=article_id,
                    text=text.format(**names),
                    lang="ar" if lang == "ar" else "en",
                    path=f"{article_id}.txt",
                    title=title.format(**names),
                    source=f"Wire {wording + 1}",
                    url=None,
                    published=(when + dt.timedelta(hours=rng.randrange(20)) if dated else None),
                )
            )
            gold[article_id] = f"{kind.name}-{event.day}"
    return articles, gold
