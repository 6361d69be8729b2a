"""Persian, Russian and Polish versions of the needs survey's texts.

Keyed by the German standard text of templates_de_content.py; `t()` there merges them in.
Polish uses neutral forms (infinitive, "Prosimy…", impersonal) instead of "Pan/Pani".
"""

from __future__ import annotations

MORE_LANGS = ("fa", "ru", "pl")

MORE_TEXTS: dict[str, dict[str, str]] = {
    # survey texts
    "Bedarfserhebung Inklusion im Stadtteil": {
        "fa": "نیازسنجی: مشارکت همه در محله ما",
        "ru": "Опрос о потребностях: инклюзия в нашем районе",
        "pl": "Badanie potrzeb: włączenie społeczne w naszej dzielnicy",
    },
    "Wir möchten wissen, was Sie im Stadtteil brauchen, um gut teilhaben zu können. Die Befragung dauert etwa 10 Minuten. Sie können jede Frage überspringen.": {
        "fa": "می‌خواهیم بدانیم در محله به چه چیزهایی نیاز دارید تا بتوانید به‌طور برابر در زندگی محله شرکت کنید. پاسخ دادن به این پرسش‌نامه حدود ۱۰ دقیقه طول می‌کشد. می‌توانید از هر پرسشی بگذرید.",
        "ru": "Мы хотим узнать, что вам нужно в районе, чтобы участвовать в его жизни наравне с другими. Опрос занимает около 10 минут. Вы можете пропустить любой вопрос.",
        "pl": "Chcemy się dowiedzieć, czego potrzeba w dzielnicy, aby móc uczestniczyć w jej życiu na równi z innymi. Ankieta trwa około 10 minut. Każde pytanie można pominąć.",
    },
    "Die Befragung ist anonym. Wir fragen nicht nach Ihrem Namen oder Ihrer Adresse. Wir zeigen die Ergebnisse nur zusammengefasst und nur für Gruppen mit mindestens 5 Personen. Mit „Weiter“ stimmen Sie zu, dass wir Ihre Antworten dafür auswerten.": {
        "fa": "این پرسش‌نامه بی‌نام است. ما نام یا نشانی شما را نمی‌پرسیم. نتایج را فقط به‌صورت خلاصه و فقط برای گروه‌هایی با دست‌کم ۵ نفر نشان می‌دهیم. با انتخاب «ادامه» موافقت می‌کنید که پاسخ‌های شما را برای همین منظور بررسی کنیم.",
        "ru": "Опрос анонимный. Мы не спрашиваем ваше имя или адрес. Мы показываем результаты только в обобщённом виде и только для групп не менее чем из 5 человек. Нажимая «Далее», вы соглашаетесь с тем, что мы обработаем ваши ответы с этой целью.",
        "pl": "Ankieta jest anonimowa. Nie pytamy o imię, nazwisko ani adres. Wyniki pokazujemy tylko w formie zbiorczej i tylko dla grup liczących co najmniej 5 osób. Wybranie przycisku „Dalej” oznacza zgodę na opracowanie odpowiedzi w tym celu.",
    },
    "Vielen Dank! Ihre Antworten helfen uns, den Stadtteil für alle besser zu machen.": {
        "fa": "بسیار سپاسگزاریم! پاسخ‌های شما به ما کمک می‌کند محله را برای همه بهتر کنیم.",
        "ru": "Большое спасибо! Ваши ответы помогают нам сделать район лучше для всех.",
        "pl": "Serdecznie dziękujemy! Odpowiedzi pomogą nam zmienić dzielnicę na lepsze dla wszystkich.",
    },
    "Das Netzwerk Inklusion im Stadtteil: Vereine, Beratungsstellen, Selbstvertreterinnen und Selbstvertreter und die Stadtverwaltung.": {
        "fa": "شبکه مشارکت همه در محله: انجمن‌های محلی، مراکز مشاوره، افرادی که خودشان از حقوق خود دفاع می‌کنند و شهرداری.",
        "ru": "Сеть инклюзии в районе: местные объединения, консультационные центры, самопредставители и городская администрация.",
        "pl": "Sieć na rzecz włączenia społecznego w dzielnicy: lokalne stowarzyszenia, poradnie, samorzeczniczki i samorzecznicy oraz urząd miasta.",
    },
    "Wir stellen die Ergebnisse im Stadtteil vor, auch in Leichter Sprache. Gemeinsam mit Ihnen planen wir dann, was sich zuerst ändern soll.": {
        "fa": "نتایج را در محله ارائه می‌کنیم، به زبان ساده هم. سپس همراه با شما برنامه‌ریزی می‌کنیم که چه چیزی باید زودتر از همه تغییر کند.",
        "ru": "Мы представим результаты в районе, в том числе на лёгком языке. Затем вместе с вами решим, что нужно изменить в первую очередь.",
        "pl": "Przedstawimy wyniki w dzielnicy, również w wersji łatwej do czytania. Potem wspólnie zaplanujemy, co trzeba zmienić w pierwszej kolejności.",
    },
    # shared answers and hints
    "Wählen Sie alles aus, was zutrifft.": {
        "fa": "همه گزینه‌هایی را که درباره شما درست است انتخاب کنید.",
        "ru": "Выберите все подходящие варианты.",
        "pl": "Można zaznaczyć wszystkie pasujące odpowiedzi.",
    },
    "Sehr schlecht": {"fa": "خیلی بد", "ru": "Очень плохо", "pl": "Bardzo źle"},
    "Schlecht": {"fa": "بد", "ru": "Плохо", "pl": "Źle"},
    "Mittel": {"fa": "متوسط", "ru": "Средне", "pl": "Średnio"},
    "Gut": {"fa": "خوب", "ru": "Хорошо", "pl": "Dobrze"},
    "Sehr gut": {"fa": "خیلی خوب", "ru": "Очень хорошо", "pl": "Bardzo dobrze"},
    "Ja": {"fa": "بله", "ru": "Да", "pl": "Tak"},
    "Nein": {"fa": "خیر", "ru": "Нет", "pl": "Nie"},
    "Weiß ich nicht": {"fa": "نمی‌دانم", "ru": "Не знаю", "pl": "Nie wiem"},
    "Nichts davon": {"fa": "هیچ‌کدام", "ru": "Ничего из этого", "pl": "Żadne z powyższych"},
    # area
    "In welchem Teil der Stadt wohnen Sie?": {
        "fa": "در کدام بخش شهر زندگی می‌کنید؟",
        "ru": "В какой части города вы живёте?",
        "pl": "Prosimy wskazać część miasta, w której znajduje się miejsce zamieszkania.",
    },
    # getting around
    "Was ist für Sie schwierig, wenn Sie im Stadtteil unterwegs sind?": {
        "fa": "وقتی در محله رفت‌وآمد می‌کنید، چه چیزی برایتان دشوار است؟",
        "ru": "Что вам трудно, когда вы передвигаетесь по району?",
        "pl": "Co sprawia trudność podczas poruszania się po dzielnicy?",
    },
    "Hohe Bordsteine und Stufen": {
        "fa": "جدول‌های بلند کنار خیابان و پله‌ها",
        "ru": "Высокие бордюры и ступеньки",
        "pl": "Wysokie krawężniki i schody",
    },
    "Bus und Bahn sind schwer zu nutzen": {
        "fa": "استفاده از اتوبوس و قطار سخت است",
        "ru": "Трудно пользоваться автобусами и поездами",
        "pl": "Trudno korzystać z autobusów i pociągów",
    },
    "Enge oder zugestellte Gehwege": {
        "fa": "پیاده‌روهای باریک یا پر از مانع",
        "ru": "Узкие или загромождённые тротуары",
        "pl": "Wąskie lub zastawione chodniki",
    },
    "Wege und Schilder sind schwer zu finden oder zu lesen": {
        "fa": "پیدا کردن مسیرها و خواندن تابلوها سخت است",
        "ru": "Трудно найти дорогу или прочитать указатели",
        "pl": "Trudno znaleźć drogę lub odczytać oznaczenia",
    },
    "Schlechte Beleuchtung, ich fühle mich unsicher": {
        "fa": "نور کم است و احساس ناامنی می‌کنم",
        "ru": "Плохое освещение, я чувствую себя небезопасно",
        "pl": "Słabe oświetlenie, nie czuję się bezpiecznie",
    },
    "Zu wenige Bänke und Toiletten": {
        "fa": "نیمکت و توالت به اندازه کافی نیست",
        "ru": "Слишком мало скамеек и туалетов",
        "pl": "Za mało ławek i toalet",
    },
    "Wie gut kommen Sie im Stadtteil dorthin, wo Sie hinwollen?": {
        "fa": "چقدر راحت می‌توانید در محله به جایی که می‌خواهید برسید؟",
        "ru": "Насколько легко вам добираться в районе туда, куда вам нужно?",
        "pl": "Jak łatwo jest dotrzeć w dzielnicy tam, dokąd się chce?",
    },
    # information
    "Wie möchten Sie Informationen über Angebote im Stadtteil bekommen?": {
        "fa": "دوست دارید اطلاعات مربوط به برنامه‌ها و خدمات محله را چگونه دریافت کنید؟",
        "ru": "Как вы хотели бы получать информацию о том, что предлагается в районе?",
        "pl": "W jakiej formie najlepiej przekazywać informacje o ofercie w dzielnicy?",
    },
    "In Leichter Sprache": {
        "fa": "به زبان ساده",
        "ru": "На лёгком языке",
        "pl": "W wersji łatwej do czytania",
    },
    "In Gebärdensprache": {
        "fa": "به زبان اشاره",
        "ru": "На жестовом языке",
        "pl": "W języku migowym",
    },
    "Zum Hören, zum Beispiel vorgelesen": {
        "fa": "شنیداری، مثلاً با بلندخوانی",
        "ru": "В аудиоформате, например, когда текст читают вслух",
        "pl": "Do słuchania, na przykład czytane na głos",
    },
    "In meiner Sprache": {"fa": "به زبان خودم", "ru": "На моём языке", "pl": "W moim języku"},
    "Auf Papier": {"fa": "روی کاغذ", "ru": "На бумаге", "pl": "Na papierze"},
    "Im Internet": {"fa": "در اینترنت", "ru": "В интернете", "pl": "W internecie"},
    "Im persönlichen Gespräch": {
        "fa": "در گفت‌وگوی حضوری",
        "ru": "В личном разговоре",
        "pl": "W bezpośredniej rozmowie",
    },
    # leisure
    "Gibt es Freizeitangebote im Stadtteil, bei denen Sie gern mitmachen würden, es aber nicht können?": {
        "fa": "آیا در محله برنامه‌های اوقات فراغتی هست که دوست دارید در آن‌ها شرکت کنید، اما نمی‌توانید؟",
        "ru": "Есть ли в районе занятия для досуга, в которых вы хотели бы участвовать, но не можете?",
        "pl": "Czy w dzielnicy są zajęcia w czasie wolnym, w których chciałoby się brać udział, ale nie jest to możliwe?",
    },
    "Was hindert Sie daran mitzumachen?": {
        "fa": "چه چیزی مانع شرکت شما می‌شود؟",
        "ru": "Что мешает вам участвовать?",
        "pl": "Co utrudnia udział?",
    },
    "Der Ort ist nicht barrierefrei": {
        "fa": "محل برگزاری دسترس‌پذیر نیست",
        "ru": "Место не приспособлено: там есть барьеры",
        "pl": "Miejsce nie jest dostępne – są w nim bariery",
    },
    "Es kostet zu viel": {
        "fa": "هزینه‌اش زیاد است",
        "ru": "Это слишком дорого",
        "pl": "Jest za drogo",
    },
    "Mir fehlt eine Begleitung": {
        "fa": "کسی را ندارم که همراهم بیاید",
        "ru": "Мне не с кем пойти",
        "pl": "Brakuje mi osoby towarzyszącej",
    },
    "Ich erfahre nicht davon": {
        "fa": "از آن‌ها باخبر نمی‌شوم",
        "ru": "Я о них не узнаю",
        "pl": "Nie dowiaduję się o nich",
    },
    "Ich verstehe die Sprache dort schlecht": {
        "fa": "زبانی را که آنجا صحبت می‌شود خوب نمی‌فهمم",
        "ru": "Мне трудно понимать язык, на котором там говорят",
        "pl": "Słabo rozumiem język, którym się tam mówi",
    },
    # housing, health, work, contacts
    "Passt Ihre Wohnung zu dem, was Sie brauchen?": {
        "fa": "آیا خانه‌تان با نیازهایتان جور است؟",
        "ru": "Подходит ли ваше жильё под ваши потребности?",
        "pl": "Czy obecne mieszkanie odpowiada potrzebom?",
    },
    "Ja, gut": {"fa": "بله، کاملاً", "ru": "Да, хорошо подходит", "pl": "Tak, dobrze"},
    "Zum Teil": {"fa": "تا حدی", "ru": "Частично", "pl": "Częściowo"},
    "Was fehlt Ihnen im Stadtteil bei Gesundheit und Pflege?": {
        "fa": "در زمینه سلامت و مراقبت، چه چیزی در محله برای شما کم است؟",
        "ru": "Чего вам не хватает в районе в сфере здоровья и ухода?",
        "pl": "Czego brakuje w dzielnicy w zakresie zdrowia i opieki?",
    },
    "Barrierefreie Arztpraxen": {
        "fa": "مطب‌های پزشکی دسترس‌پذیر",
        "ru": "Безбарьерные кабинеты врачей",
        "pl": "Dostępne gabinety lekarskie",
    },
    "Hilfe und Pflege zu Hause": {
        "fa": "کمک و مراقبت در خانه",
        "ru": "Помощь и уход на дому",
        "pl": "Pomoc i opieka w domu",
    },
    "Beratung, die ich verstehe": {
        "fa": "مشاوره‌ای که بتوانم آن را بفهمم",
        "ru": "Консультации, которые мне понятны",
        "pl": "Zrozumiałe dla mnie porady",
    },
    "Haben Sie eine Arbeit oder Beschäftigung, die zu Ihnen passt?": {
        "fa": "آیا کار یا فعالیتی دارید که مناسب شما باشد؟",
        "ru": "Есть ли у вас работа или занятие, которые вам подходят?",
        "pl": "Czy obecnie jest praca lub zajęcie dopasowane do potrzeb i możliwości?",
    },
    "Nein, ich suche eine": {
        "fa": "نه، دنبال کار می‌گردم",
        "ru": "Нет, я ищу работу",
        "pl": "Nie, szukam pracy lub zajęcia",
    },
    "Nein, ich suche keine": {
        "fa": "نه، دنبال کار نیستم",
        "ru": "Нет, я не ищу работу",
        "pl": "Nie, nie szukam",
    },
    "Wie oft treffen Sie andere Menschen im Stadtteil?": {
        "fa": "هر چند وقت یک‌بار در محله با دیگران دیدار می‌کنید؟",
        "ru": "Как часто вы встречаетесь с другими людьми в районе?",
        "pl": "Jak często dochodzi do spotkań z innymi ludźmi w dzielnicy?",
    },
    "Oft": {"fa": "اغلب", "ru": "Часто", "pl": "Często"},
    "Manchmal": {"fa": "گاهی", "ru": "Иногда", "pl": "Czasami"},
    "Selten": {"fa": "به‌ندرت", "ru": "Редко", "pl": "Rzadko"},
    "Nie": {"fa": "هرگز", "ru": "Никогда", "pl": "Nigdy"},
    # unfair treatment
    "Haben Sie im letzten Jahr im Stadtteil erlebt, dass Sie benachteiligt oder schlecht behandelt wurden?": {
        "fa": "آیا در یک سال گذشته در محله پیش آمده است که با شما ناعادلانه یا بد رفتار شود؟",
        "ru": "Сталкивались ли вы за последний год в районе с тем, что к вам относились несправедливо или плохо?",
        "pl": "Czy w ciągu ostatniego roku zdarzyło się w dzielnicy doświadczyć niesprawiedliwego lub złego traktowania?",
    },
    "Wo war das?": {"fa": "این اتفاق کجا افتاد؟", "ru": "Где это было?", "pl": "Gdzie to było?"},
    "Bei einem Amt oder einer Behörde": {
        "fa": "در یک اداره دولتی",
        "ru": "В учреждении или органе власти",
        "pl": "W urzędzie",
    },
    "Beim Arzt oder im Krankenhaus": {
        "fa": "نزد پزشک یا در بیمارستان",
        "ru": "У врача или в больнице",
        "pl": "U lekarza lub w szpitalu",
    },
    "In einem Geschäft oder Lokal": {
        "fa": "در یک مغازه یا کافه",
        "ru": "В магазине или кафе",
        "pl": "W sklepie lub kawiarni",
    },
    "In Bus oder Bahn": {
        "fa": "در اتوبوس یا قطار",
        "ru": "В автобусе или поезде",
        "pl": "W autobusie lub pociągu",
    },
    "In der Nachbarschaft": {"fa": "در همسایگی", "ru": "По соседству", "pl": "W sąsiedztwie"},
    # priorities and ideas
    "Was ist Ihnen am wichtigsten? Geben Sie dem wichtigsten Thema Platz 1.": {
        "fa": "چه چیزی برای شما از همه مهم‌تر است؟ به مهم‌ترین موضوع رتبه ۱ بدهید.",
        "ru": "Что для вас важнее всего? Присвойте самой важной теме место 1.",
        "pl": "Co jest najważniejsze? Prosimy nadać najważniejszemu tematowi miejsce 1.",
    },
    "Wege und Verkehr": {
        "fa": "رفت‌وآمد و حمل‌ونقل",
        "ru": "Дороги и транспорт",
        "pl": "Poruszanie się i transport",
    },
    "Informationen": {"fa": "اطلاع‌رسانی", "ru": "Информация", "pl": "Informacje"},
    "Freizeit und Mitmachen": {
        "fa": "اوقات فراغت و مشارکت",
        "ru": "Досуг и участие",
        "pl": "Czas wolny i uczestnictwo",
    },
    "Wohnen": {"fa": "مسکن", "ru": "Жильё", "pl": "Mieszkanie"},
    "Gesundheit": {"fa": "سلامت", "ru": "Здоровье", "pl": "Zdrowie"},
    "Arbeit": {"fa": "کار", "ru": "Работа", "pl": "Praca"},
    "Was würde Ihnen das Leben im Stadtteil leichter machen?": {
        "fa": "چه چیزی زندگی در محله را برای شما آسان‌تر می‌کند؟",
        "ru": "Что облегчило бы вам жизнь в районе?",
        "pl": "Co ułatwiłoby życie w dzielnicy?",
    },
    "Schreiben Sie so viel oder so wenig, wie Sie möchten. Bitte schreiben Sie keine Namen.": {
        "fa": "هر قدر که می‌خواهید، کم یا زیاد، بنویسید. لطفاً هیچ نامی ننویسید.",
        "ru": "Пишите столько, сколько хотите. Пожалуйста, не указывайте ничьих имён.",
        "pl": "Można napisać dowolnie dużo lub mało. Prosimy nie podawać żadnych imion ani nazwisk.",
    },
    # about you
    "Zum Schluss: ein paar Fragen zu Ihnen": {
        "fa": "در پایان: چند پرسش درباره شما",
        "ru": "В завершение: несколько вопросов о вас",
        "pl": "Na koniec: kilka pytań o osobę wypełniającą ankietę",
    },
    "Diese Fragen helfen uns, die Ergebnisse für verschiedene Gruppen zu verstehen. Alle Fragen sind freiwillig.": {
        "fa": "این پرسش‌ها به ما کمک می‌کنند نتایج را برای گروه‌های مختلف بهتر بفهمیم. پاسخ دادن به همه پرسش‌ها اختیاری است.",
        "ru": "Эти вопросы помогают нам понять результаты для разных групп. Все вопросы необязательные.",
        "pl": "Te pytania pomagają nam zrozumieć wyniki w różnych grupach. Odpowiedź na każde z nich jest dobrowolna.",
    },
    "Wie alt sind Sie?": {
        "fa": "چند سال دارید؟",
        "ru": "Сколько вам лет?",
        "pl": "Prosimy zaznaczyć grupę wiekową.",
    },
    "Unter 18 Jahre": {"fa": "زیر ۱۸ سال", "ru": "Младше 18 лет", "pl": "Poniżej 18 lat"},
    "18 bis 29 Jahre": {"fa": "۱۸ تا ۲۹ سال", "ru": "От 18 до 29 лет", "pl": "18–29 lat"},
    "30 bis 49 Jahre": {"fa": "۳۰ تا ۴۹ سال", "ru": "От 30 до 49 лет", "pl": "30–49 lat"},
    "50 bis 64 Jahre": {"fa": "۵۰ تا ۶۴ سال", "ru": "От 50 до 64 лет", "pl": "50–64 lata"},
    "65 bis 79 Jahre": {"fa": "۶۵ تا ۷۹ سال", "ru": "От 65 до 79 лет", "pl": "65–79 lat"},
    "80 Jahre oder älter": {
        "fa": "۸۰ سال یا بیشتر",
        "ru": "80 лет и старше",
        "pl": "80 lat lub więcej",
    },
    "Haben Sie eine Beeinträchtigung oder eine chronische Erkrankung?": {
        "fa": "آیا معلولیت یا بیماری مزمن دارید؟",
        "ru": "Есть ли у вас ограничения по здоровью или хроническое заболевание?",
        "pl": "Czy występuje niepełnosprawność lub choroba przewlekła?",
    },
    "Beim Gehen oder Bewegen": {
        "fa": "در راه رفتن یا حرکت کردن",
        "ru": "С ходьбой или движением",
        "pl": "W chodzeniu lub poruszaniu się",
    },
    "Beim Sehen": {"fa": "در دیدن", "ru": "Со зрением", "pl": "W widzeniu"},
    "Beim Hören": {"fa": "در شنیدن", "ru": "Со слухом", "pl": "W słyszeniu"},
    "Beim Lernen oder Verstehen": {
        "fa": "در یادگیری یا فهمیدن",
        "ru": "С обучением или пониманием",
        "pl": "W uczeniu się lub rozumieniu",
    },
    "Eine psychische Erkrankung": {
        "fa": "بیماری روانی",
        "ru": "Психическое заболевание",
        "pl": "Choroba psychiczna",
    },
    "Eine chronische Erkrankung": {
        "fa": "بیماری مزمن",
        "ru": "Хроническое заболевание",
        "pl": "Choroba przewlekła",
    },
    "Nein, nichts davon": {
        "fa": "نه، هیچ‌کدام",
        "ru": "Нет, ничего из этого",
        "pl": "Nie, żadne z powyższych",
    },
}
