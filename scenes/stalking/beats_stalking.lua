-- scenes/stalking/beats_stalking.lua - part 2: from the breakup to the threat.
--
-- Sofie ends it; the relationship turns into digital stalking: a flood of
-- messages, him standing outside her house, location tracking, a fake
-- profile, a threat to share a picture.
-- Stops: signal (flood), choice (morning_after: what Sofie does with the
-- messages, sets saved_messages), idea (fake_profile), choice (bystander: what
-- Emma does; if Sofie showed Emma the messages at the sports hall, asked_emma,
-- Emma can also name it as stalking), discuss (threat).

beat "breakup" {
  title = { da = "Det er slut", en = "It's over" },
  place = { da = "Bænken bag skolen", en = "The bench behind the school" },
  time = { da = "Søndag 14:00, tre uger senere", en = "Sunday 14:00, three weeks later" },
  narrate { da = "Sofie har ikke været til træning i to uger. Hun sover dårligt.",
            en = "Sofie hasn't been to practice for two weeks. She's sleeping badly." },
  say("sofie", { da = "Mads, jeg vil ikke være kærester mere.", en = "Mads, I don't want to be together anymore." }),
  say("mads", { da = "Hvad? Det mener du ikke.", en = "What? You don't mean that." }),
  say("sofie", { da = "Jo. Jeg kan ikke holde ud, at du hele tiden skal vide, hvor jeg er.",
                 en = "I do. I can't stand you always needing to know where I am." }),
  say("mads", { da = "Det er Emma, der har sagt, du skal sige det, ikke? Vi er ikke færdige, Sofie.",
                en = "Emma told you to say that, didn't she? We're not done, Sofie." }),
  say("sofie", { da = "Jo, det er vi. Jeg går nu.", en = "Yes, we are. I'm going now." }),
  notes = {
    da = "Sofie siger det klart. Det vigtige spørgsmål er nu: hvad sker der efter et nej?",
    en = "Sofie says it clearly. The important question now: what happens after a no?",
  },
  next = "flood",
}

beat "flood" {
  title = { da = "47 ulæste beskeder", en = "47 unread messages" },
  place = { da = "Sofies værelse", en = "Sofie's room" },
  time = { da = "Søndag 22:47", en = "Sunday 22:47" },
  sms("mads", "sofie", "22:47", { da = "Kan vi ikke bare snakke?", en = "Can't we just talk?" }),
  sms("mads", "sofie", "22:51", { da = "Jeg kan ikke sove", en = "I can't sleep" }),
  sms("mads", "sofie", "22:58", { da = "Svar nu", en = "Answer me" }),
  sms("mads", "sofie", "23:04", { da = "Jeg ved godt, du er vågen. Du var online for to minutter siden",
                                  en = "I know you're awake. You were online two minutes ago" }),
  sms("mads", "sofie", "23:05", { da = "Sofie", en = "Sofie" }),
  sms("mads", "sofie", "23:05", { da = "Sofie", en = "Sofie" }),
  sms("mads", "sofie", "23:06", { da = "SOFIE", en = "SOFIE" }),
  sms("mads", "sofie", "23:20", { da = "Du kommer til at fortryde det her", en = "You're going to regret this" }),
  sms("mads", "sofie", "23:41", { da = "Undskyld. Jeg elsker dig. Giv mig én chance til",
                                  en = "Sorry. I love you. Give me one more chance" }),
  sms("mads", "sofie", "00:12", { da = "Jeg står uden for jeres hus", en = "I'm standing outside your house" }),
  narrate { da = "Der er 47 ulæste beskeder fra Mads. Sofie tør ikke kigge ud ad vinduet.",
            en = "There are 47 unread messages from Mads. Sofie doesn't dare look out of the window." },
  signal {
    prompt = { da = "Er det OK, et faresignal eller stalking?",
               en = "Is this OK, a warning sign, or stalking?" },
  },
  notes = {
    da = "Her siger mange, at det er blevet stalking: gentagen, uønsket kontakt efter et klart nej, "
      .. "trusler og at stå uden for hendes hus. Spørg: Hvornår blev det stalking – i aften eller "
      .. "tidligere? Hvordan har Sofie det nu? Lyt efter de følger, kampagnen »Stalking er ikke for sjov« "
      .. "nævnte: angst, stress og isolation. Er salen delt, så lad begge sider begrunde deres svar.",
    en = "Many will say it has become stalking: repeated, unwanted contact after a clear no, threats, "
      .. "standing outside her house. Ask: When did it become stalking – tonight or earlier? How does Sofie "
      .. "feel now? Listen for the consequences the campaign “Stalking er ikke for sjov” named: anxiety, "
      .. "stress and isolation. If the room is split, let both sides give their reasons.",
  },
  next = "morning_after",
}

beat "morning_after" {
  title = { da = "Morgenen efter", en = "The morning after" },
  place = { da = "Sofies værelse", en = "Sofie's room" },
  time = { da = "Mandag 07:10", en = "Monday 07:10" },
  narrate { da = "Sofie har næsten ikke sovet. Han var gået, da hun endelig kiggede ud.",
            en = "Sofie has hardly slept. He was gone when she finally looked out." },
  sms("mads", "sofie", "07:02", { da = "Godmorgen ❤️ Skal jeg hente dig til skole?",
                                  en = "Good morning ❤️ Shall I pick you up for school?" }),
  say("sofie", { da = "Jeg vil bare have, at det stopper.", en = "I just want it to stop." }),
  choice {
    who = "sofie",
    prompt = { da = "Hvad gør Sofie med beskederne?", en = "What does Sofie do with the messages?" },
    option {
      text = { da = "Svarer ham én sidste gang, så han forstår det", en = "Answers him one last time so he gets it" },
      to = "one_more_answer",
      add = { contact = 1 },
      set = { blocked = true },
    },
    option {
      text = { da = "Blokerer ham og sletter alle beskederne", en = "Blocks him and deletes all the messages" },
      to = "fake_profile",
      set = { blocked = true },
    },
    option {
      text = { da = "Tager skærmbilleder, skriver tiderne ned og blokerer ham",
               en = "Takes screenshots, writes down the times, then blocks him" },
      to = "fake_profile",
      set = { saved_messages = true, blocked = true },
    },
  },
  notes = {
    da = "Rådene fra stalkingpakken: nul kontakt, før log, gem beskederne. Mange vælger 2 – det føles "
      .. "som at rydde op. Døm ikke; senere er politi-valget gråt, hvis intet er gemt, og så kan I spole "
      .. "tilbage hertil (R) og prøve 3. Spørg ved 1: Hvad tror I, Mads hører, når hun svarer? "
      .. "Spiller en elev Sofie: bed eleven sige højt, hvad hun skriver – eller gør.",
    en = "The advice from the stalking package: zero contact, keep a log, save the messages. Many pick 2 – "
      .. "it feels like cleaning up. Don't judge; later the police option is greyed out if nothing was "
      .. "saved, and you can rewind here (R) and try 3. Ask at 1: What do you think Mads hears when she "
      .. "answers? If a pupil plays Sofie: ask them to say out loud what she writes – or does.",
  },
}

beat "one_more_answer" {
  title = { da = "Én sidste besked", en = "One last message" },
  place = { da = "Sofies værelse", en = "Sofie's room" },
  time = { da = "Mandag 07:14", en = "Monday 07:14" },
  sms("sofie", "sofie", "07:14", { da = "Stop med at skrive til mig. Det er slut. Helt.",
                                   en = "Stop texting me. It's over. Completely." }),
  sms("mads", "sofie", "07:14", { da = "Tak, fordi du svarer ❤️", en = "Thanks for answering ❤️" }),
  sms("mads", "sofie", "07:15", { da = "Jeg vidste godt, du stadig gad mig", en = "I knew you still cared" }),
  sms("mads", "sofie", "07:15", { da = "Ses vi efter skole? 😊", en = "See you after school? 😊" }),
  narrate { da = "Sofie blokerer ham. Men svaret har han fået.",
            en = "Sofie blocks him. But he has had his answer." },
  narrate { da = "Hvert svar – også et nej – er kontakt. For Mads betyder det, at der stadig er håb.",
            en = "Every answer – even a no – is contact. To Mads it means there is still hope." },
  notes = {
    da = "Derfor rådes der til nul kontakt: et svar, også et vredt, holder kontakten i live.",
    en = "This is why the advice is zero contact: any answer, even an angry one, keeps the contact alive.",
  },
  next = "fake_profile",
}

beat "fake_profile" {
  title = { da = "Den falske profil", en = "The fake profile" },
  place = { da = "Skolegården", en = "The schoolyard" },
  time = { da = "Onsdag 12:05", en = "Wednesday 12:05" },
  say("emma", { da = "Har du set det her? En ny profil, »s0fie_privat«, følger alle i klassen.",
                en = "Have you seen this? A new profile, “s0fie_privat”, is following everyone in our class." }),
  say("sofie", { da = "Det er ikke mig!", en = "That's not me!" }),
  sms("fake", "sofie", "11:58", { da = "Flot jakke i dag 😉", en = "Nice jacket today 😉" }),
  sms("fake", "sofie", "12:01", { da = "Hyggeligt på caféen med Emma i går?",
                                  en = "Nice time at the café with Emma yesterday?" }),
  sms("fake", "sofie", "12:03", { da = "Du slipper ikke af med mig", en = "You won't get rid of me" }),
  say("sofie", { da = "Hvordan ved han, hvor jeg var?", en = "How does he know where I was?" }),
  say("emma", { da = "Sofie … du deler stadig din placering med ham.",
                en = "Sofie … you're still sharing your location with him." }),
  narrate { da = "Sofie slår delingen fra. Hendes hænder ryster.",
            en = "Sofie switches the sharing off. Her hands are shaking." },
  idea {
    prompt = { da = "Hvad kunne Sofie gøre anderledes?", en = "What could Sofie do differently?" },
  },
  notes = {
    da = "Sig det højt før spørgsmålet: Intet af det her er Sofies skyld – ansvaret er Mads'. Spørgsmålet "
      .. "handler om muligheder, ikke skyld. Saml idéer ved hånd eller på mobil (I viser idéerne). "
      .. "Lyt efter: fortælle en voksen, gemme beskeder og skrive log, nul kontakt, slå placering fra, "
      .. "tale med Emma, politiet, Dansk Stalking Center. Vælg én idé, og lad en elev spille den som "
      .. "Sofie over for Emma – så spiller vi videre.",
    en = "Say it out loud before the question: none of this is Sofie's fault – the responsibility is Mads'. "
      .. "The question is about options, not blame. Collect ideas by hand or phone (I shows the ideas). "
      .. "Listen for: tell an adult, save messages and keep a log, zero contact, switch off location "
      .. "sharing, talk to Emma, the police, Dansk Stalking Center. Pick one idea and let a pupil play it "
      .. "as Sofie with Emma – then play on.",
  },
  next = "bystander",
}

beat "bystander" {
  title = { da = "Lov mig det", en = "Promise me" },
  place = { da = "Skolegården", en = "The schoolyard" },
  time = { da = "Onsdag 12:10", en = "Wednesday 12:10" },
  say("sofie", { da = "Lov mig, at du ikke siger det til nogen. Det bliver bare værre.",
                 en = "Promise me you won't tell anyone. It'll only make it worse." }),
  say("emma", { da = "Men Sofie, det her er jo …", en = "But Sofie, this is …" }),
  say("sofie", { da = "Lov mig det!", en = "Promise me!" }),
  choice {
    who = "emma",
    prompt = { da = "Hvad gør Emma?", en = "What does Emma do?" },
    option {
      text = { da = "Lover at tie stille", en = "Promises to keep quiet" },
      to = "threat",
    },
    option {
      text = { da = "Skriver selv til Mads, at han skal stoppe", en = "Texts Mads herself, telling him to stop" },
      to = "emma_confronts",
    },
    option {
      text = { da = "Bliver hos Sofie og tilbyder at gå med til en voksen",
               en = "Stays with Sofie and offers to go with her to an adult" },
      to = "emma_supports",
      set = { friend_support = true, saved_messages = true },
    },
    option {
      text = { da = "Siger, at det her er stalking – hun har set det komme siden hallen",
               en = "Says this is stalking – she has seen it coming since the sports hall" },
      to = "emma_names_it",
      when = function(v) return v.asked_emma end,
      hide = true,
      set = { friend_support = true, saved_messages = true },
    },
  },
  notes = {
    da = "Nu er salen vennen ved siden af. Spørg: Hvad ville I gøre, hvis det var jeres ven? Er det at "
      .. "sladre at sige det til en voksen? Lyt efter loyalitet mod sikkerhed. Emma skal ikke løse det "
      .. "alene: at hente en voksen er at hjælpe, ikke at svigte. Tager en elev Emmas plads: lad eleven "
      .. "tale med Sofie, og vælg grenen bagefter (1 holder løftet, 2 kontakter Mads, 3 støtter og går "
      .. "med til en voksen). I gren 3 hjælper Emma også med at gemme beskederne. Valg 4 findes kun, hvis "
      .. "Sofie viste Emma beskederne i hallen: Emma har set mønsteret fra starten og kan sige det højt.",
    en = "Now the room is the friend beside her. Ask: What would you do if it were your friend? Is telling "
      .. "an adult snitching? Listen for loyalty versus safety. Emma doesn't have to solve it alone: "
      .. "getting an adult is helping, not betraying. If a pupil takes Emma's place: let them talk to "
      .. "Sofie and pick the branch afterwards (1 keeps the promise, 2 contacts Mads, 3 supports her and "
      .. "goes with her to an adult). In branch 3 Emma also helps her save the messages. Option 4 is there "
      .. "only if Sofie showed Emma the messages at the sports hall: Emma has seen the pattern from the "
      .. "start and can say it out loud.",
  },
}

beat "emma_confronts" {
  title = { da = "Emma skriver til Mads", en = "Emma texts Mads" },
  place = { da = "Emmas værelse", en = "Emma's room" },
  time = { da = "Onsdag 21:30", en = "Wednesday 21:30" },
  sms("emma", "emma", "21:30", { da = "Lad Sofie være i fred! Du er så creepy",
                                 en = "Leave Sofie alone! You're so creepy" }),
  sms("mads", "emma", "21:31", { da = "Hvad har hun fortalt dig?", en = "What has she told you?" }),
  sms("mads", "emma", "21:31", { da = "Bland dig udenom", en = "Stay out of it" }),
  sms("fake", "emma", "21:33", { da = "Så Sofie snakker om mig med dig??", en = "So Sofie is talking about me with you??" }),
  sms("fake", "emma", "21:34", { da = "Det kommer hun til at fortryde", en = "She's going to regret that" }),
  say("emma", { da = "Jeg ville bare hjælpe …", en = "I only wanted to help …" }),
  notes = {
    da = "Emma mente det godt. Men at konfrontere den, der stalker, kan gøre det værre – også for vennen. "
      .. "Bedre: støt Sofie, og få en voksen med.",
    en = "Emma meant well. But confronting the one who stalks can make it worse – for the friend too. "
      .. "Better: support Sofie and bring in an adult.",
  },
  next = "threat",
}

beat "emma_supports" {
  title = { da = "Emma bliver", en = "Emma stays" },
  place = { da = "Skolegården", en = "The schoolyard" },
  time = { da = "Onsdag 12:15", en = "Wednesday 12:15" },
  say("emma", { da = "Jeg siger ikke noget bag din ryg. Men du skal ikke stå alene med det her.",
                en = "I won't go behind your back. But you shouldn't be alone with this." }),
  say("emma", { da = "Kom, vi tager skærmbilleder af alt, han skriver, og skriver ned, hvornår det sker.",
                en = "Come on, let's screenshot everything he sends and write down when it happens." }),
  say("emma", { da = "Og jeg går med, når du vil sige det til en voksen.",
                en = "And I'll come with you when you tell an adult." }),
  say("sofie", { da = "Okay … Måske. Giv mig lidt tid.", en = "Okay … maybe. Give me a little time." }),
  notes = {
    da = "Sådan kan en ven hjælpe: blive, tage det alvorligt, hjælpe med at gemme beviser og gå med.",
    en = "This is how a friend can help: stay, take it seriously, help save the evidence and go along.",
  },
  next = "threat",
}

beat "emma_names_it" {
  title = { da = "Emma siger det højt", en = "Emma says it out loud" },
  place = { da = "Skolegården", en = "The schoolyard" },
  time = { da = "Onsdag 12:15", en = "Wednesday 12:15" },
  say("emma", { da = "Sofie, jeg har set det, siden han sendte dig syv beskeder under træningen. Det her er stalking.",
                en = "Sofie, I've seen this since he sent you seven messages during practice. This is stalking." }),
  say("emma", { da = "Det er ikke din skyld. Men du skal ikke stå alene med det. Jeg går med, når du siger det til en voksen.",
                en = "It's not your fault. But you shouldn't be alone with this. I'll come with you when you tell an adult." }),
  say("emma", { da = "Og vi gemmer alt, han skriver: skærmbilleder og tidspunkter.",
                en = "And we save everything he sends: screenshots and times." }),
  say("sofie", { da = "Stalking … Okay. Giv mig lidt tid.", en = "Stalking … okay. Give me a little time." }),
  notes = {
    da = "Denne gren findes kun, fordi Sofie viste Emma beskederne i hallen. En ven, der har set det hele "
      .. "fra starten, kan sætte ord på mønsteret – og sige, at det ikke er Sofies skyld. Spørg: Hvad "
      .. "betyder det for Sofie at høre ordet »stalking« fra en ven?",
    en = "This branch exists only because Sofie showed Emma the messages at the sports hall. A friend who has "
      .. "seen it all from the start can name the pattern – and say it isn't Sofie's fault. Ask: What does it "
      .. "mean to Sofie to hear the word “stalking” from a friend?",
  },
  next = "threat",
}

beat "threat" {
  title = { da = "Truslen", en = "The threat" },
  place = { da = "Sofies værelse", en = "Sofie's room" },
  time = { da = "Torsdag 23:58", en = "Thursday 23:58" },
  sms("fake", "sofie", "23:58", { da = "Kan du huske billedet, du sendte mig, da vi var kærester?",
                                  en = "Remember the picture you sent me when we were together?" }),
  sms("fake", "sofie", "23:58", { da = "Jeg har det stadig", en = "I still have it" }),
  sms("fake", "sofie", "23:59", { da = "Mød mig bag hallen i morgen kl. 16. Alene.",
                                  en = "Meet me behind the sports hall tomorrow at 4. Alone." }),
  sms("fake", "sofie", "00:00", { da = "Ellers ser hele skolen det", en = "Or the whole school sees it" }),
  sms("fake", "sofie", "00:01", { da = "Det er dit valg ❤️", en = "Your choice ❤️" }),
  narrate { da = "Sofie sidder længe med telefonen i hånden.", en = "Sofie sits for a long time with the phone in her hand." },
  discuss {
    prompt = { da = "Hvad skal Sofie gøre nu – og hvem kan hjælpe hende?",
               en = "What should Sofie do now – and who can help her?" },
    seconds = 120,
  },
  notes = {
    da = "Det tungeste øjeblik. Hold øje med salen. Sig klart: Den, der truer med at dele et billede, gør "
      .. "noget forkert – ikke den, der engang sendte det. Rapporten bag projektet beskriver, hvordan "
      .. "stalking og hævnporno hænger sammen på de digitale platforme. Lad eleverne tale to og to i to "
      .. "minutter, og saml så op. Lyt efter: en voksen, politiet, gemme beskederne, ikke mødes alene, "
      .. "Dansk Stalking Center. Siger nogen »det er hendes egen skyld«: svar roligt, at ansvaret er Mads'.",
    en = "The heaviest moment. Watch the room. Say clearly: whoever threatens to share a picture is doing "
      .. "wrong – not the one who once sent it. The report behind the project describes how stalking and "
      .. "revenge porn are linked on digital platforms. Let pupils talk in pairs for two minutes, then "
      .. "gather. Listen for: an adult, the police, saving the messages, not meeting alone, Dansk Stalking "
      .. "Center. If someone says “it's her own fault”: answer calmly that the responsibility is Mads'.",
  },
  next = "sofie_decides",
}
