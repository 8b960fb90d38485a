-- scenes/stalking/beats_relationship.lua - part 1: from the party to isolation.
--
-- The relationship starts well and slides through the danger signals named in
-- the seed's dialog events: intense early attention and compliments, checking
-- where she is, anger at unanswered messages, isolation from friends.
-- Stops: signal (first_messages, where_are_you, isolation), choice (unanswered).
-- A phone message sent by the phone's owner (sms("sofie", "sofie", ...)) is
-- her own outgoing message in the same thread.

beat "party" {
  title = { da = "Festen", en = "The party" },
  place = { da = "Fest hos Emma", en = "Party at Emma's" },
  time = { da = "Fredag 22:10", en = "Friday 22:10" },
  notes = {
    da = "Præsentér de tre personer. Spørg ikke om noget endnu; lad salen lære Sofie og Mads at kende.",
    en = "Introduce the three characters. Ask nothing yet; let the room get to know Sofie and Mads.",
  },
  narrate { da = "Det er Emmas fødselsdag. Stuen er fuld, og musikken er høj.",
            en = "It's Emma's birthday. The living room is packed and the music is loud." },
  say("mads", { da = "Hej. Du er Sofie, ikke? Du spillede vildt godt i håndboldkampen i søndags.",
                en = "Hi. You're Sofie, right? You played really well in the handball match on Sunday." }),
  say("sofie", { da = "Øh, tak! Var du der?", en = "Uh, thanks! Were you there?" }),
  say("mads", { da = "Min lillesøster spiller på det andet hold. Men ærligt, jeg kiggede kun på dig.",
                en = "My little sister plays on the other team. But honestly, I only watched you." }),
  say("emma", { da = "Sofie! Kom nu, der er kage!", en = "Sofie! Come on, there's cake!" }),
  say("mads", { da = "Må jeg få dit snap? Så kan vi skrive sammen.",
                en = "Can I get your Snap? Then we can text." }),
  say("sofie", { da = "Okay. Men du skal skrive først.", en = "Okay. But you have to text first." }),
  narrate { da = "Mads skriver, før Sofie overhovedet er nået ud i køkkenet.",
            en = "Mads texts her before Sofie has even reached the kitchen." },
  next = "first_messages",
}

beat "first_messages" {
  title = { da = "De første beskeder", en = "The first messages" },
  place = { da = "Sofies værelse", en = "Sofie's room" },
  time = { da = "Lørdag 09:12", en = "Saturday 09:12" },
  sms("mads", "sofie", "22:12", { da = "Det var så hyggeligt at snakke med dig 😊",
                                  en = "It was so nice talking to you 😊" }),
  sms("mads", "sofie", "23:48", { da = "Du var klart den sødeste til festen",
                                  en = "You were easily the cutest one at the party" }),
  sms("mads", "sofie", "07:30", { da = "Godmorgen smukke ☀️", en = "Good morning, beautiful ☀️" }),
  sms("mads", "sofie", "08:45", { da = "Er du vågen?", en = "Are you awake?" }),
  sms("sofie", "sofie", "09:12", { da = "Haha godmorgen 😄 Det var også hyggeligt",
                                   en = "Haha good morning 😄 It was nice for me too" }),
  sms("mads", "sofie", "09:12", { da = "Endelig!! Jeg har ventet hele morgenen 😅",
                                  en = "Finally!! I've been waiting all morning 😅" }),
  sms("mads", "sofie", "09:13", { da = "Skal vi ses i dag? Og i morgen?",
                                  en = "Want to meet up today? And tomorrow?" }),
  sms("emma", "sofie", "09:20", { da = "Nåååå, Mads?? 👀 Fortæl!!",
                                  en = "Sooo, Mads?? 👀 Tell me everything!!" }),
  signal {
    prompt = { da = "Er det OK, et faresignal eller stalking?",
               en = "Is this OK, a warning sign, or stalking?" },
  },
  notes = {
    da = "Første stop. De fleste svarer »OK« – det er fint og forventeligt. Spørg: Hvad føles godt her? "
      .. "Går noget meget hurtigt? Lyt efter: »han er bare forelsket«, »mange beskeder på én nat«. "
      .. "Meget opmærksomhed og mange komplimenter helt fra start kan være dejligt – og kan også være "
      .. "starten på et mønster. Ingen enkelt besked er stalking. Ret ikke på svarene: tidslinjen til "
      .. "sidst viser, hvordan salens svar ændrer sig.",
    en = "First stop. Most will answer “OK” – that is fine and expected. Ask: What feels good here? "
      .. "Does anything move very fast? Listen for: “he's just in love”, “lots of messages in one night”. "
      .. "Intense attention and many compliments from the start can be lovely – and can also be the "
      .. "start of a pattern. No single message is stalking. Don't correct the answers: the timeline at "
      .. "the end shows how the room's answers change.",
  },
  next = "where_are_you",
}

beat "where_are_you" {
  title = { da = "Hvor er du?", en = "Where are you?" },
  place = { da = "En café i byen", en = "A café in town" },
  time = { da = "Tirsdag 16:40, to uger senere", en = "Tuesday 16:40, two weeks later" },
  narrate { da = "Sofie og Mads er kærester nu. Sofie er på café med Emma.",
            en = "Sofie and Mads are together now. Sofie is at a café with Emma." },
  sms("mads", "sofie", "16:31", { da = "Hvor er du?", en = "Where are you?" }),
  sms("sofie", "sofie", "16:33", { da = "På café med Emma 😊", en = "At a café with Emma 😊" }),
  sms("mads", "sofie", "16:33", { da = "Hvilken café?", en = "Which café?" }),
  sms("mads", "sofie", "16:34", { da = "Send lige et billede, så jeg kan se, hvem du er sammen med",
                                  en = "Send me a picture so I can see who you're with" }),
  sms("mads", "sofie", "16:35", { da = "Og del din placering med mig, så ved jeg altid, hvor du er ❤️",
                                  en = "And share your location with me, then I'll always know where you are ❤️" }),
  say("emma", { da = "Skriver han igen? I har skrevet sammen hele dagen.",
                en = "Is he texting again? You two have been texting all day." }),
  say("sofie", { da = "Han er bare sød. Han vil gerne vide, hvor jeg er.",
                 en = "He's just sweet. He likes to know where I am." }),
  say("emma", { da = "Er det ikke lidt meget?", en = "Isn't that a bit much?" }),
  narrate { da = "Sofie slår deling af sin placering til.",
            en = "Sofie turns on location sharing." },
  signal {
    prompt = { da = "Er det OK, et faresignal eller stalking?",
               en = "Is this OK, a warning sign, or stalking?" },
  },
  notes = {
    da = "At tjekke, hvor hun er, bede om billeder for at se, hvem hun er sammen med, og bede om hendes "
      .. "placering: kontrol, der bliver pakket ind som omsorg. Spørg: Hvad er forskellen på at være "
      .. "interesseret og at holde øje med nogen? Lyt efter: »han er bare jaloux«, »det gør alle«. "
      .. "Læg mærke til, at Sofie slår placeringen til – det bliver vigtigt senere.",
    en = "Checking where she is, asking for pictures to see who she's with, asking for her location: "
      .. "control wrapped up as care. Ask: What is the difference between being interested and keeping "
      .. "an eye on someone? Listen for: “he's just jealous”, “everyone does that”. Note that Sofie "
      .. "turns on location sharing – it matters later.",
  },
  next = "unanswered",
}

beat "unanswered" {
  title = { da = "Ubesvarede beskeder", en = "Unanswered messages" },
  place = { da = "Håndboldhallen", en = "The sports hall" },
  time = { da = "Torsdag 20:35", en = "Thursday 20:35" },
  narrate { da = "Sofie har været til træning. Telefonen har ligget i tasken.",
            en = "Sofie has been at handball practice. Her phone has been in her bag." },
  sms("mads", "sofie", "19:02", { da = "Hej 😊", en = "Hey 😊" }),
  sms("mads", "sofie", "19:15", { da = "??", en = "??" }),
  sms("mads", "sofie", "19:31", { da = "Hvorfor svarer du ikke?", en = "Why aren't you answering?" }),
  sms("mads", "sofie", "19:48", { da = "Jeg kan se, du har været online",
                                  en = "I can see you've been online" }),
  sms("mads", "sofie", "20:05", { da = "Fint. Så er jeg åbenbart ligegyldig",
                                  en = "Fine. Guess I don't matter then" }),
  sms("mads", "sofie", "20:20", { da = "Hvem er du sammen med???", en = "Who are you with???" }),
  sms("mads", "sofie", "20:31", { da = "Undskyld. Jeg bliver bare så bange for at miste dig ❤️",
                                  en = "Sorry. I just get so scared of losing you ❤️" }),
  say("sofie", { da = "Jeg var til træning … Han ved jo godt, at jeg har træning om torsdagen.",
                 en = "I was at practice … He knows I have practice on Thursdays." }),
  choice {
    who = "sofie",
    prompt = { da = "Hvad gør Sofie?", en = "What does Sofie do?" },
    option {
      text = { da = "Hun undskylder og lover at svare hurtigere", en = "She apologises and promises to answer faster" },
      to = "apologises",
      add = { gave_in = 1 },
    },
    option {
      text = { da = "Hun skriver, at hun ikke kan svare hele tiden", en = "She writes that she can't always answer at once" },
      to = "boundary",
      set = { said_no = true },
    },
    option {
      text = { da = "Hun viser Emma beskederne", en = "She shows Emma the messages" },
      to = "ask_emma",
      set = { asked_emma = true },
    },
  },
  notes = {
    da = "Vrede over ubesvarede beskeder er et faresignal. Spørg: Hvad føler Mads? Hvad føler Sofie? "
      .. "Skylder man at svare med det samme? Lyt efter: »hun skal bare svare« – spørg så, hvis ansvar "
      .. "Mads' vrede er. Der er ikke et forkert valg her; alle veje fører videre, for Mads' adfærd "
      .. "afhænger ikke af, hvad Sofie gør. Spiller en elev Sofie: lad eleven sige eller skrive svaret, "
      .. "og vælg den gren, der ligner mest (1 undskylder, 2 sætter en grænse, 3 går til en ven). Valg 3 "
      .. "får betydning senere: en ven, der har set beskederne fra starten, kan gøre mere for Sofie.",
    en = "Anger at unanswered messages is a warning sign. Ask: What does Mads feel? What does Sofie "
      .. "feel? Do you owe anyone an instant answer? Listen for: “she should just answer” – then ask "
      .. "whose responsibility Mads' anger is. There is no wrong choice here; every path goes on, because "
      .. "Mads' behaviour does not depend on what Sofie does. If a pupil plays Sofie: let them say or "
      .. "write the answer and pick the closest branch (1 apologises, 2 sets a boundary, 3 turns to a friend). "
      .. "Choice 3 matters later: a friend who has seen the messages from the start can do more for Sofie.",
  },
}

beat "apologises" {
  title = { da = "Sofie undskylder", en = "Sofie apologises" },
  place = { da = "Håndboldhallen", en = "The sports hall" },
  time = { da = "Torsdag 20:38", en = "Thursday 20:38" },
  sms("sofie", "sofie", "20:38", { da = "Undskyld!! Jeg var til træning. Jeg skal nok svare hurtigere ❤️",
                                   en = "Sorry!! I was at practice. I'll answer faster, promise ❤️" }),
  sms("mads", "sofie", "20:38", { da = "Okay. Bare tag telefonen med ind næste gang",
                                  en = "Okay. Just take your phone in with you next time" }),
  sms("mads", "sofie", "20:39", { da = "Og skriv, når du går derfra",
                                  en = "And text me when you leave" }),
  narrate { da = "Fra nu af tager Sofie telefonen med ind til træning. Hun kigger på den i hver pause.",
            en = "From now on Sofie takes her phone into practice. She checks it in every break." },
  notes = {
    da = "Sofie begynder at indrette sit liv efter at undgå hans vrede. Kom tilbage til det ved næste stop.",
    en = "Sofie starts arranging her life to avoid his anger. Come back to this at the next stop.",
  },
  next = "isolation",
}

beat "boundary" {
  title = { da = "Sofie sætter en grænse", en = "Sofie sets a boundary" },
  place = { da = "Håndboldhallen", en = "The sports hall" },
  time = { da = "Torsdag 20:37", en = "Thursday 20:37" },
  sms("sofie", "sofie", "20:37", { da = "Jeg var til træning. Jeg kan ikke svare hele tiden",
                                   en = "I was at practice. I can't always answer right away" }),
  sms("mads", "sofie", "20:37", { da = "Så du har bare ikke tid til mig?",
                                  en = "So you just don't have time for me?" }),
  sms("mads", "sofie", "20:38", { da = "Andres kærester svarer altså",
                                  en = "Other people's girlfriends answer, you know" }),
  sms("mads", "sofie", "20:41", { da = "Det var ikke sådan ment. Du betyder bare så meget for mig",
                                  en = "I didn't mean it like that. You just mean so much to me" }),
  narrate { da = "Sofie får en knude i maven. Hun skriver »ok ❤️«.",
            en = "Sofie gets a knot in her stomach. She writes “ok ❤️”." },
  notes = {
    da = "Sofie gør det rigtige: hun siger sin grænse klart. Mads svarer med skyld og bagefter med kærlighed. "
      .. "Det viser, at grænsen er hendes ret, også når han ikke respekterer den.",
    en = "Sofie does the right thing: she states her boundary clearly. Mads answers with guilt, then with "
      .. "love. The boundary is her right even when he doesn't respect it.",
  },
  next = "isolation",
}

beat "ask_emma" {
  title = { da = "Sofie viser Emma det", en = "Sofie shows Emma" },
  place = { da = "Håndboldhallen", en = "The sports hall" },
  time = { da = "Torsdag 20:40", en = "Thursday 20:40" },
  say("emma", { da = "Syv beskeder på halvanden time? Fordi du var til træning?",
                en = "Seven messages in an hour and a half? Because you were at practice?" }),
  say("sofie", { da = "Han er bare usikker. Det går over.", en = "He's just insecure. It'll pass." }),
  say("emma", { da = "Det er altså ikke normalt at blive sur over, at man ikke svarer.",
                en = "It's really not normal to get angry because someone doesn't answer." }),
  say("sofie", { da = "Du kender ham ikke.", en = "You don't know him." }),
  narrate { da = "Sofie svarer Mads alligevel. Men nu har Emma set beskederne.",
            en = "Sofie answers Mads anyway. But now Emma has seen the messages." },
  notes = {
    da = "En ven, der ser beskederne, er vigtig senere: ved »Lov mig det« kan Emma sige, hvad hun har set "
      .. "siden i aften. Sofie forsvarer Mads – det er meget almindeligt.",
    en = "A friend who has seen the messages matters later: at “Promise me” Emma can say what she has seen "
      .. "since tonight. Sofie defends Mads – that is very common.",
  },
  next = "isolation",
}

beat "isolation" {
  title = { da = "Bliv hjemme med mig", en = "Stay home with me" },
  place = { da = "Sofies værelse", en = "Sofie's room" },
  time = { da = "Lørdag 18:55, en uge senere", en = "Saturday 18:55, a week later" },
  sms("emma", "sofie", "18:50", { da = "Biograf kl. 19.30? Alle kommer! 🍿",
                                  en = "Cinema at 7:30? Everyone's coming! 🍿" }),
  sms("sofie", "sofie", "18:51", { da = "JA! Jeg kommer", en = "YES! I'm coming" }),
  sms("mads", "sofie", "18:53", { da = "Skal du ud med Emma IGEN?", en = "You're going out with Emma AGAIN?" }),
  sms("mads", "sofie", "18:53", { da = "Hun kan ikke lide mig. Hun prøver at splitte os ad",
                                  en = "She doesn't like me. She's trying to split us up" }),
  sms("mads", "sofie", "18:54", { da = "Jeg troede, vi skulle være sammen i aften. Jeg har kun dig",
                                  en = "I thought we were hanging out tonight. You're all I've got" }),
  narrate { da = "Sofie skriver til Emma, at hun alligevel ikke kan komme.",
            en = "Sofie texts Emma that she can't come after all." },
  sms("emma", "sofie", "18:59", { da = "Igen? Du har aflyst de sidste tre gange 😕",
                                  en = "Again? You've cancelled the last three times 😕" }),
  sms("mads", "sofie", "19:01", { da = "Tak skat. Det er bare os to ❤️", en = "Thanks babe. It's just us two ❤️" }),
  signal {
    prompt = { da = "Er det OK, et faresignal eller stalking?",
               en = "Is this OK, a warning sign, or stalking?" },
  },
  notes = {
    da = "Isolation fra venner er et klart faresignal. Spørg: Hvad sker der med Sofie og Emmas venskab? "
      .. "Hvorfor er vennerne vigtige, hvis det bliver værre? Lyt efter skyld på Sofie (»hun vælger jo "
      .. "selv ham«) – vend det til pres: Hvad gør Mads, der gør det svært at sige ja til Emma? "
      .. "Sammenlign med svarene ved første stop.",
    en = "Isolation from friends is a clear warning sign. Ask: What is happening to Sofie and Emma's "
      .. "friendship? Why do friends matter if it gets worse? Listen for blame on Sofie (“she chooses him "
      .. "herself”) – turn it into pressure: What does Mads do that makes it hard to say yes to Emma? "
      .. "Compare with the answers at the first stop.",
  },
  next = "breakup",
}
