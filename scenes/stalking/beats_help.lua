-- scenes/stalking/beats_help.lua - part 3: Sofie's decision, help, the endings.
--
-- Stops: choice (sofie_decides: meeting him is once-only and loops back; going
-- to the police on her own with evidence needs saved_messages; taking Emma
-- along to her mum needs friend_support), choice (mads_choice: the one who
-- stalks talks to an adult and may seek help; if Sofie answered or met him,
-- contact > 0, he can also use that as an excuse).
-- Captions: Friday's beats that a path can reach both before and after the
-- 16:00 meeting say "Friday afternoon", so the clock never runs backwards.
-- Endings: end_good (help in time, Mads takes responsibility), end_mixed (help,
-- but Mads does not take responsibility yet), end_late (it escalates; help late).
-- Adults are not cast members: their words are narrated with a speaker label.

beat "sofie_decides" {
  title = { da = "Sofies valg", en = "Sofie's choice" },
  place = { da = "Sofies værelse", en = "Sofie's room" },
  time = { da = "Fredag eftermiddag", en = "Friday afternoon" },
  narrate { da = "Sofie læser truslen igen og igen.", en = "Sofie reads the threat again and again." },
  say("sofie", { da = "Hvad gør jeg?", en = "What do I do?" }),
  choice {
    who = "sofie",
    prompt = { da = "Hvad gør Sofie?", en = "What does Sofie do?" },
    option {
      text = { da = "Mødes med Mads for at få ham til at slette billedet",
               en = "Meets Mads to get him to delete the picture" },
      to = "meeting",
      once = true,
      add = { contact = 1 },
    },
    option {
      text = { da = "Siger det ikke til nogen og håber, det går over", en = "Tells no one and hopes it will pass" },
      to = "end_late",
    },
    option {
      text = { da = "Fortæller det hele til sin mor", en = "Tells her mum everything" },
      to = "adult_help",
      set = { told_adult = true },
    },
    option {
      text = { da = "Går selv til politiet med sine skærmbilleder og sin log",
               en = "Goes to the police herself with her screenshots and her log" },
      to = "police_self",
      when = function(v) return v.saved_messages end,
      reason = { da = "Sofie har ikke gemt beskederne. Hun kan stadig gå til en voksen og til politiet.",
                 en = "Sofie didn't save the messages. She can still go to an adult and to the police." },
      set = { told_adult = true },
    },
    option {
      text = { da = "Ringer til Dansk Stalking Centers rådgivning", en = "Calls Dansk Stalking Center's counselling line" },
      to = "counselling",
      set = { told_adult = true },
    },
    option {
      text = { da = "Tager Emma med og fortæller det hele til sin mor", en = "Takes Emma along and tells her mum everything" },
      to = "adult_help_emma",
      when = function(v) return v.friend_support end,
      hide = true,
      set = { told_adult = true },
    },
  },
  notes = {
    da = "Spørg: Hvad sker der, hvis hun tager derhen? Hvem kan hun fortælle det til? Valg 1 kan kun tages "
      .. "én gang: det fører tilbage hertil. Er valg 4 gråt, så spørg hvorfor, og spol tilbage (R) til "
      .. "»Morgenen efter« for at vise forskellen. Understreg: man kan altid gå til politiet – også uden "
      .. "beviser; beskeder og log gør det lettere. Valg 6 findes kun, hvis Emma tilbød at gå med: en ven, "
      .. "der står ved siden af, gør det lettere at sige det. Spiller en elev Sofie: lad eleven vise, hvem "
      .. "hun går til, og vælg den gren, der passer.",
    en = "Ask: What happens if she goes there? Who can she tell? Option 1 can be taken only once: it leads "
      .. "back here. If option 4 is greyed out, ask why, and rewind (R) to “The morning after” to show the "
      .. "difference. Stress: you can always go to the police – evidence or not; messages and a log make "
      .. "it easier. Option 6 is there only if Emma offered to go along: a friend beside you makes it easier to "
      .. "tell. If a pupil plays Sofie: let them show who she goes to, and pick the branch that fits.",
  },
}

beat "meeting" {
  title = { da = "Bag hallen", en = "Behind the sports hall" },
  place = { da = "Bag hallen", en = "Behind the sports hall" },
  time = { da = "Fredag 16:00", en = "Friday 16:00" },
  say("mads", { da = "Du kom. Jeg vidste det godt.", en = "You came. I knew you would." }),
  say("sofie", { da = "Slet billedet, Mads. Nu, mens jeg ser på.", en = "Delete the picture, Mads. Now, while I watch." }),
  say("mads", { da = "Jeg sletter det, hvis vi bliver kærester igen.", en = "I'll delete it if we get back together." }),
  say("sofie", { da = "Det var ikke det, du skrev!", en = "That's not what you said!" }),
  say("mads", { da = "Du går ikke, før vi har snakket.", en = "You're not leaving until we've talked." }),
  narrate { da = "Nogen fra håndboldholdet kommer forbi. Sofie skynder sig væk. Billedet er ikke slettet.",
            en = "Someone from the handball team walks by. Sofie hurries away. The picture isn't deleted." },
  notes = {
    da = "At mødes »én sidste gang« giver ham det, han vil have: kontakt og kontrol. Nul kontakt. "
      .. "Efter scenen er Sofie tilbage ved sit valg – nu uden mulighed 1.",
    en = "Meeting “one last time” gives him what he wants: contact and control. Zero contact. After the "
      .. "scene Sofie is back at her choice – now without option 1.",
  },
  next = "sofie_decides",
}

beat "counselling" {
  title = { da = "Rådgivningen", en = "The counselling line" },
  place = { da = "Sofies værelse", en = "Sofie's room" },
  time = { da = "Fredag eftermiddag", en = "Friday afternoon" },
  narrate { da = "Sofie ringer til Dansk Stalking Centers telefonrådgivning. Den er gratis.",
            en = "Sofie calls Dansk Stalking Center's counselling line. It is free." },
  narrate { da = "Rådgiveren: »Du skal ikke svare ham eller mødes med ham. Nul kontakt.«",
            en = "The counsellor: “Don't answer him and don't meet him. Zero contact.”" },
  narrate { da = "Rådgiveren: »Gem beskederne, og skriv en log: dato, klokkeslæt og hvad der skete.«",
            en = "The counsellor: “Save the messages and keep a log: date, time and what happened.”" },
  narrate { da = "Rådgiveren: »Og fortæl det til en voksen, du stoler på. Vi kan også hjælpe med politiet.«",
            en = "The counsellor: “And tell an adult you trust. We can also help with the police.”" },
  say("sofie", { da = "Okay. Jeg mødes ikke med ham igen. Jeg fortæller det til min mor nu.",
                 en = "Okay. I won't meet him again. I'm telling my mum now." }),
  notes = {
    da = "Rådgivningen her følger rapportens beskrivelse af Dansk Stalking Center: gratis telefonrådgivning "
      .. "med råd om forholdsregler og kontakt til politiet.",
    en = "The counselling here follows the report's description of Dansk Stalking Center: free phone "
      .. "counselling with advice on precautions and contact with the police.",
  },
  next = "adult_help",
}

beat "adult_help" {
  title = { da = "Sofie fortæller det", en = "Sofie tells" },
  place = { da = "Køkkenet hjemme hos Sofie", en = "The kitchen at Sofie's home" },
  time = { da = "Fredag 17:30", en = "Friday 17:30" },
  say("sofie", { da = "Mor … jeg skal fortælle dig noget. Om Mads.", en = "Mum … I need to tell you something. About Mads." }),
  narrate { da = "Sofie viser sin mor telefonen. Hendes mor læser længe uden at sige noget.",
            en = "Sofie shows her mum the phone. Her mum reads for a long time without saying anything." },
  narrate { da = "Mor: »Godt, du siger det. Det er ikke din skyld. Vi finder ud af det sammen.«",
            en = "Mum: “I'm glad you told me. It's not your fault. We'll sort this out together.”" },
  narrate { da = "Mor: »Du svarer ham ikke mere. Vi gemmer alt, og i morgen går vi til politiet.«",
            en = "Mum: “You don't answer him anymore. We save everything, and tomorrow we go to the police.”" },
  notes = {
    da = "Spørg: Hvem er en voksen, man kan gå til, hvis det ikke er en forælder? (Lærer, AKT-lærer, "
      .. "træner, en ven af familien.) Det vigtigste, en voksen kan sige: »Det er ikke din skyld.«",
    en = "Ask: Who is an adult you can go to if it isn't a parent? (A teacher, the wellbeing teacher, a "
      .. "coach, a family friend.) The most important thing an adult can say: “It's not your fault.”",
  },
  next = "police",
}

beat "adult_help_emma" {
  title = { da = "Sofie og Emma fortæller det", en = "Sofie and Emma tell" },
  place = { da = "Køkkenet hjemme hos Sofie", en = "The kitchen at Sofie's home" },
  time = { da = "Fredag 17:30", en = "Friday 17:30" },
  narrate { da = "Emma er gået med hjem. Hun sidder ved siden af Sofie ved køkkenbordet.",
            en = "Emma has come home with Sofie. She sits next to her at the kitchen table." },
  say("sofie", { da = "Mor … jeg skal fortælle dig noget. Om Mads.", en = "Mum … I need to tell you something. About Mads." }),
  say("emma", { da = "Vi har taget skærmbilleder af det hele. Også truslen.",
                en = "We've taken screenshots of all of it. The threat too." }),
  narrate { da = "Sofies mor læser længe uden at sige noget.",
            en = "Sofie's mum reads for a long time without saying anything." },
  narrate { da = "Mor: »Godt, du siger det. Det er ikke din skyld. Vi finder ud af det sammen.«",
            en = "Mum: “I'm glad you told me. It's not your fault. We'll sort this out together.”" },
  narrate { da = "Mor: »Du svarer ham ikke mere. Tak, Emma. I morgen går vi til politiet med det hele.«",
            en = "Mum: “You don't answer him anymore. Thank you, Emma. Tomorrow we'll take all of it to the police.”" },
  notes = {
    da = "Her hjælper Emmas valg ved »Lov mig det«: hun gik med, som hun lovede, og beviserne er gemt. "
      .. "Spørg: Hvad gjorde det lettere for Sofie at sige det? Hvem kunne gå med jer?",
    en = "Here Emma's choice at “Promise me” helps: she came along as she promised, and the evidence is "
      .. "saved. Ask: What made it easier for Sofie to tell? Who could go with you?",
  },
  next = "police",
}

beat "police_self" {
  title = { da = "Sofie går selv til politiet", en = "Sofie goes to the police" },
  place = { da = "Politistationen", en = "The police station" },
  time = { da = "Fredag 17:00", en = "Friday 17:00" },
  narrate { da = "Sofie går selv hen på politistationen. Hun har telefonen og sin log med.",
            en = "Sofie goes to the police station on her own. She has her phone and her log with her." },
  narrate { da = "Betjenten: »Godt, du kom. Du har gemt beskederne og skrevet tiderne ned – det hjælper os meget.«",
            en = "The officer: “Good that you came. You've saved the messages and written down the times – that helps a lot.”" },
  narrate { da = "Betjenten: »Og du svarer ham ikke. Heller ikke for at få ham til at stoppe.«",
            en = "The officer: “And you don't answer him. Not even to make him stop.”" },
  say("sofie", { da = "Jeg troede, man først kunne komme her, hvis der skete noget voldsomt.",
                 en = "I thought you could only come here if something violent happened." }),
  narrate { da = "Betjenten: »Du gjorde det rigtige. Vi tager det alvorligt. Nu ringer vi til din mor, så du ikke står alene.«",
            en = "The officer: “You did the right thing. We take this seriously. Now let's call your mum, so you're not alone.”" },
  narrate { da = "En halv time senere sidder Sofies mor ved siden af hende.",
            en = "Half an hour later Sofie's mum is sitting beside her." },
  notes = {
    da = "Denne vej findes kun, fordi beskederne og loggen er gemt (ved »Morgenen efter« eller med Emmas "
      .. "hjælp). Man kan godt gå til politiet selv; her ringer betjenten til Sofies mor, så hun ikke står "
      .. "alene. Spørg: Hvad var Sofie bange for, før hun gik herhen?",
    en = "This path is there only because the messages and the log were saved (at “The morning after” or "
      .. "with Emma's help). You can go to the police on your own; here the officer calls Sofie's mum so "
      .. "she isn't alone. Ask: What was Sofie afraid of before she came?",
  },
  next = "mads_choice",
}

beat "police" {
  title = { da = "Hos politiet", en = "At the police" },
  place = { da = "Politistationen", en = "The police station" },
  time = { da = "Lørdag 10:00", en = "Saturday 10:00" },
  narrate { da = "Sofie og hendes mor taler med en betjent.", en = "Sofie and her mum talk to a police officer." },
  narrate { da = "Betjenten: »Godt, du kom. Vis mig, hvad du har fået.«",
            en = "The officer: “Good that you came. Show me what you've received.”" },
  narrate { da = "Betjenten: »Fra nu af skriver du alt ned: dato, tid, hvad der skete. Og tag skærmbilleder.«",
            en = "The officer: “From now on, write everything down: date, time, what happened. And take screenshots.”" },
  narrate { da = "Betjenten: »Og du svarer ham ikke. Heller ikke for at få ham til at stoppe.«",
            en = "The officer: “And you don't answer him. Not even to make him stop.”" },
  say("sofie", { da = "Jeg troede, man først kunne komme her, hvis der skete noget voldsomt.",
                 en = "I thought you could only come here if something violent happened." }),
  narrate { da = "Betjenten: »Du gjorde det rigtige ved at komme nu. Vi tager det alvorligt.«",
            en = "The officer: “You did the right thing coming now. We take this seriously.”" },
  notes = {
    da = "Politiet i projektet er uddannet i stalkingsager, og rådene her er stalkingpakkens: log, "
      .. "gemte beskeder, nul kontakt. Spørg: Hvad var Sofie bange for, før hun gik herhen?",
    en = "The police in the project were trained in stalking cases, and the advice here is the stalking "
      .. "package's: a log, saved messages, zero contact. Ask: What was Sofie afraid of before she came?",
  },
  next = "mads_choice",
}

beat "mads_choice" {
  title = { da = "Mads hos AKT-læreren", en = "Mads and the wellbeing teacher" },
  place = { da = "AKT-lærerens kontor", en = "The wellbeing teacher's office" },
  time = { da = "Mandag 09:00", en = "Monday 09:00" },
  narrate { da = "Mads er kaldt ind til skolens AKT-lærer. Han har ikke sovet.",
            en = "Mads has been called in to see the school's wellbeing teacher. He hasn't slept." },
  narrate { da = "AKT-læreren: »Jeg ved, hvad der er sket. Nu vil jeg gerne høre din side.«",
            en = "The wellbeing teacher: “I know what has happened. Now I'd like to hear your side.”" },
  say("mads", { da = "Jeg … jeg ville bare ikke miste hende.", en = "I … I just didn't want to lose her." }),
  choice {
    who = "mads",
    prompt = { da = "Hvad gør Mads?", en = "What does Mads do?" },
    option {
      text = { da = "Siger, at det er Sofies skyld, og at hun overdriver",
               en = "Says it's Sofie's fault and that she's exaggerating" },
      to = "end_mixed",
    },
    option {
      text = { da = "Fortæller ærligt, hvad han har gjort, og sletter billedet",
               en = "Tells honestly what he has done and deletes the picture" },
      to = "end_good",
      set = { mads_help = true },
    },
    option {
      text = { da = "Sletter billedet og søger hjælp hos Dansk Stalking Center",
               en = "Deletes the picture and gets help from Dansk Stalking Center" },
      to = "end_good",
      set = { mads_help = true },
    },
    option {
      text = { da = "Siger, at Sofie selv havde kontakt med ham – så hun ville det også",
               en = "Says Sofie kept in contact with him – so she wanted it too" },
      to = "end_mixed",
      when = function(v) return v.contact > 0 end,
      hide = true,
    },
  },
  notes = {
    da = "Også den, der stalker, kan få hjælp: Dansk Stalking Center har en telefonlinje for dem, der "
      .. "stalker, og under projektets kampagne kontaktede en, der stalkede, centret for at få hjælp til "
      .. "at stoppe. Spørg: Hvad skal der til, for at Mads stopper? Hvem kan han tale med? Lyt efter "
      .. "ansvar mod undskyldninger (»jeg elskede hende bare«). Gør ikke Mads til et monster: han kan "
      .. "ændre sig, men ansvaret er hans. Valg 4 findes kun, hvis Sofie svarede ham eller mødte ham: Mads "
      .. "bruger det som undskyldning. Sig klart: Et svar eller et møde gør det aldrig til hendes skyld – men "
      .. "det er derfor, rådet er nul kontakt. Vil en elev spille Mads, så hold det kort og tal med eleven bagefter.",
    en = "The one who stalks can get help too: Dansk Stalking Center has a phone line for people who "
      .. "stalk, and during the project's campaign someone who stalked contacted the centre for help to "
      .. "stop. Ask: What would it take for Mads to stop? Who can he talk to? Listen for responsibility "
      .. "versus excuses (“I just loved her”). Don't make Mads a monster: he can change, but it is his "
      .. "responsibility. Option 4 is there only if Sofie answered him or met him: Mads uses it as an excuse. "
      .. "Say clearly: an answer or a meeting never makes it her fault – but that is why the advice is zero "
      .. "contact. If a pupil wants to play Mads, keep it short and talk with them afterwards.",
  },
}

beat "end_good" {
  title = { da = "Hjælp i tide", en = "Help in time" },
  place = { da = "Håndboldhallen", en = "The sports hall" },
  time = { da = "Tre uger senere", en = "Three weeks later" },
  narrate { da = "Mads har slettet billedet foran AKT-læreren. Han får hjælp til at stoppe og skriver ikke mere.",
            en = "Mads deleted the picture in front of the wellbeing teacher. He is getting help to stop and no longer writes." },
  narrate { da = "Sofie skriver stadig i sin log, hvis der sker noget. Der er ikke sket noget i tre uger.",
            en = "Sofie still writes in her log if anything happens. Nothing has happened for three weeks." },
  say("emma", { da = "Du er tilbage! Holdet har savnet dig.", en = "You're back! The team has missed you." }),
  say("sofie", { da = "Jeg har også savnet jer. Tak, fordi du ikke gav op på mig.",
                 en = "I've missed you too. Thanks for not giving up on me." }),
  ending = {
    da = "Sofie sagde det i tide og fik hjælp. Mads tog ansvar og fik hjælp til at stoppe – ansvaret var hans hele tiden.",
    en = "Sofie spoke up in time and got help. Mads took responsibility and got help to stop – it was his responsibility all along.",
  },
  notes = {
    da = "Vis tidslinjen: hvornår sagde salen »faresignal«, og hvornår »stalking«? Gå så til rådene og "
      .. "hjælpekortet (H). Spørg til sidst: Hvad tager I med herfra?",
    en = "Show the timeline: when did the room say “warning sign”, and when “stalking”? Then go through "
      .. "the advice and the help card (H). Finally ask: What will you take away from today?",
  },
}

beat "end_mixed" {
  title = { da = "Ikke slut endnu", en = "Not over yet" },
  place = { da = "Skolegården", en = "The schoolyard" },
  time = { da = "En måned senere", en = "A month later" },
  narrate { da = "Mads siger stadig, at det er Sofies skyld. Skolen og politiet følger sagen.",
            en = "Mads still says it's Sofie's fault. The school and the police are following the case." },
  sms("fake", "sofie", "15:12", { da = "Du har ødelagt mit liv", en = "You ruined my life" }),
  narrate { da = "Sofie svarer ikke. Hun tager et skærmbillede og skriver det ind i sin log.",
            en = "Sofie doesn't answer. She takes a screenshot and writes it in her log." },
  say("sofie", { da = "Det er ikke slut endnu. Men jeg står ikke alene med det mere.",
                 en = "It's not over yet. But I'm not alone with it anymore." }),
  say("emma", { da = "Nej. Det gør du ikke.", en = "No. You're not." }),
  ending = {
    da = "Sofie har fået hjælp og står ikke alene. Mads har ikke taget ansvar endnu, men nul kontakt, loggen og de voksne hjælper hende.",
    en = "Sofie has help and isn't alone. Mads hasn't taken responsibility yet, but zero contact, her log and the adults help her.",
  },
  notes = {
    da = "Spørg: Hvad kunne få Mads til at stoppe? Spol evt. tilbage (R) til Mads' valg. Slut med rådene "
      .. "og hjælpekortet (H) – husk linjen for dem, der stalker.",
    en = "Ask: What could make Mads stop? You may rewind (R) to Mads' choice. End with the advice and the "
      .. "help card (H) – mention the line for people who stalk.",
  },
}

beat "end_late" {
  title = { da = "Hjælpen kom sent", en = "Help came late" },
  place = { da = "Sofies værelse", en = "Sofie's room" },
  time = { da = "Seks uger senere", en = "Six weeks later" },
  narrate { da = "Sofie siger ikke noget til nogen voksne. Beskederne bliver ved – fra nye profiler hver uge.",
            en = "Sofie tells no adult. The messages keep coming – from new profiles every week." },
  sms("fake", "emma", "22:14", { da = "Spørg Sofie om billedet 😉", en = "Ask Sofie about the picture 😉" }),
  narrate { da = "Hun er holdt op med håndbold. Hun har ondt i maven hver morgen og vil ikke i skole.",
            en = "She has quit handball. She has a stomachache every morning and doesn't want to go to school." },
  say("emma", { da = "Sofie, jeg kan ikke se på det her mere. Vi går til din mor. Nu.",
                en = "Sofie, I can't watch this anymore. We're going to your mum. Now." }),
  narrate { da = "Sofies mor tager hende med til politiet. De ringer også til Dansk Stalking Center.",
            en = "Sofie's mum takes her to the police. They also call Dansk Stalking Center." },
  say("sofie", { da = "Jeg ville ønske, jeg havde sagt det meget før.", en = "I wish I'd said something much sooner." }),
  ending = {
    da = "Det blev værre, mens Sofie var alene med det. Hun fik hjælp sent – men det er aldrig for sent, og aldrig hendes skyld.",
    en = "It got worse while Sofie was alone with it. She got help late – but it's never too late, and it's never her fault.",
  },
  notes = {
    da = "Slut aldrig her uden at spole tilbage (R) til Sofies valg eller Emmas valg og spille en bedre "
      .. "vej. Tjek salen: nogen kan være berørt. Vis hjælpekortet (H), og sig, hvor I er bagefter.",
    en = "Never end here without rewinding (R) to Sofie's or Emma's choice and playing a better path. "
      .. "Check the room: someone may be affected. Show the help card (H) and say where you will be afterwards.",
  },
}
