-- scenes/stalking/scenario.lua - the bundled dialog event "Det starter så sødt".
--
-- A forum-theatre piece about stalking among 14-16 year olds, after the dialog
-- events of the project "Tryg i Esbjerg" (see shared/seed): three characters,
-- a relationship that starts well and slides through danger signals into
-- digital stalking, stop moments where the room says when it became stalking,
-- choice points where the room (or a pupil on stage) tries alternatives, and
-- endings that close on the key advice and the help card.
--
-- Facts (organisations, advice, phone numbers) come only from the evaluation
-- report, plus the emergency numbers 112/114 and BørneTelefonen 116 111 (\u{A0}: never split).
-- The beats are split over three files, in story order:
--   beats_relationship.lua  party -> isolation (signals 1-3, Sofie's first choice)
--   beats_stalking.lua      breakup -> the threat (signal 4, idea, bystander, discuss)
--   beats_help.lua          Sofie's decision, help, Mads' choice, the endings

scenario {
  id = "stalking",
  languages = { "da", "en" },
  title = { da = "Det starter så sødt", en = "It Starts So Sweetly" },
  subtitle = {
    da = "Et dialogevent om stalking – Sofie, Mads og Emma",
    en = "A dialog event about stalking – Sofie, Mads and Emma",
  },
  start = "party",
  content_note = {
    da = "Det her handler om stalking, også på mobilen, og om en trussel om at dele et billede. "
      .. "Hvis det rører noget i dig, må du gerne gå ud et øjeblik. Tal med en voksen, du stoler på, "
      .. "eller ring til BørneTelefonen på 116\u{A0}111. Til sidst viser vi, hvor man kan få hjælp.",
    en = "This is about stalking, including on phones, and about a threat to share a picture. "
      .. "If it touches you, it's fine to step out for a moment. Talk to an adult you trust, "
      .. "or call BørneTelefonen on 116\u{A0}111. At the end we show where to get help.",
  },
  stop_question = {
    da = "Er det OK, et faresignal eller stalking?",
    en = "Is this OK, a warning sign, or stalking?",
  },
  advice = {
    { da = "Nul kontakt: svar ikke, og mød ikke op.", en = "Zero contact: don't answer, don't meet up." },
    { da = "Før log: dato, klokkeslæt, hvad der skete.", en = "Keep a log: date, time, what happened." },
    { da = "Gem beskeder og skærmbilleder, før du blokerer.", en = "Save messages and screenshots before blocking." },
    { da = "Fortæl det til en voksen, du stoler på.", en = "Tell an adult you trust." },
    { da = "Gå til politiet: 114. Ved fare: 112.", en = "Go to the police: 114. In danger: 112." },
    { da = "Få rådgivning hos Dansk Stalking Center.", en = "Get counselling from Dansk Stalking Center." },
  },
  help = {
    title = { da = "Her kan du få hjælp", en = "Where to get help" },
    contacts = {
      { name = { da = "En voksen, du stoler på", en = "An adult you trust" },
        text = { da = "En forælder, en lærer, AKT-læreren, din træner. Sig det højt.",
                 en = "A parent, a teacher, the school's wellbeing teacher, your coach. Say it out loud." } },
      { name = "Dansk Stalking Center", phone = "25\u{A0}17\u{A0}73\u{A0}74", web = "www.danskstalkingcenter.dk",
        text = { da = "Gratis telefonrådgivning til dig, der er udsat for stalking, og til pårørende.",
                 en = "Free phone counselling for people exposed to stalking and for their families." } },
      { name = { da = "Dansk Stalking Center – til dig, der stalker",
                 en = "Dansk Stalking Center – if you are the one who stalks" },
        phone = "27\u{A0}60\u{A0}40\u{A0}16",
        text = { da = "Telefonlinje for dem, der stalker og vil have hjælp til at stoppe.",
                 en = "Phone line for people who stalk and want help to stop." } },
      { name = { da = "Politiet", en = "The police" }, phone = "114",
        text = { da = "Fortæl politiet om stalking, og få råd om, hvad du skal gøre.",
                 en = "Tell the police about stalking and get advice on what to do." } },
      { name = { da = "Alarm", en = "Emergency" }, phone = "112",
        text = { da = "Når du eller en anden er i fare lige nu.",
                 en = "When you or someone else is in danger right now." } },
      { name = "BørneTelefonen – Børns Vilkår", phone = "116\u{A0}111",
        text = { da = "For børn og unge. Gratis og anonymt.",
                 en = "For children and young people. Free and anonymous." } },
    },
  },
  notes = {
    da = "Et forløb på 45-60 minutter med tre skuespillere (eller skærmen alene). Fire indbyggede "
      .. "stop spørger »OK, faresignal eller stalking?«; tryk S for et ekstra stop når som helst. "
      .. "Valgene afgøres ved håndsoprækning eller mobil. Spol tilbage (R) til et valg og lad en elev "
      .. "spille alternativet. Slutningen viser svarene fra alle stop som en tidslinje: hvornår blev det "
      .. "stalking? Hovedbudskab: det er aldrig Sofies skyld, og der er hjælp at få.",
    en = "A 45-60 minute event with three actors (or the screen alone). Four built-in stops ask "
      .. "“OK, warning sign or stalking?”; press S for an extra stop at any moment. Choices are decided "
      .. "by hands or phones. Rewind (R) to a choice and let a pupil play the alternative. The ending "
      .. "shows the answers from every stop as a timeline: when did it become stalking? Core message: "
      .. "it is never Sofie's fault, and help is there.",
  },
  -- Earlier choices matter later: asked_emma, saved_messages, friend_support
  -- and contact each change what a later choice offers and which scene follows
  -- (see the "read at" notes).
  vars = {
    gave_in = 0,            -- times Sofie bent her life around his anger
    contact = 0,            -- answers Sofie sent him or meetings after the breakup;
                            --   read at mads_choice: Mads can use it as an excuse (option 4)
    said_no = false,        -- Sofie set a boundary over the unanswered messages
    asked_emma = false,     -- Sofie showed Emma the first flood of messages;
                            --   read at bystander: Emma can name it as stalking (option 4)
    saved_messages = false, -- screenshots and a log exist (Sofie, or with Emma's help);
                            --   read at sofie_decides: to the police on her own (option 4)
    blocked = false,        -- Sofie blocked Mads' own profile
    friend_support = false, -- Emma stands by Sofie and offers to go with her;
                            --   read at sofie_decides: Emma goes along to her mum (option 6)
    told_adult = false,     -- Sofie has told an adult
    mads_help = false,      -- Mads took responsibility and sought help
  },
}

cast {
  { id = "sofie", name = "Sofie", color = "#e07a5f",
    role = { da = "15 år, går i 9. klasse, spiller håndbold", en = "15, ninth grade, plays handball" } },
  { id = "mads", name = "Mads", color = "#6fa8dc",
    role = { da = "16 år, går i 10. klasse", en = "16, tenth grade" } },
  { id = "emma", name = "Emma", color = "#81b29a",
    role = { da = "Sofies bedste veninde", en = "Sofie's best friend" } },
  { id = "fake", name = "s0fie_privat", color = "#b4a7d6",
    role = { da = "en ukendt profil", en = "an unknown profile" } },
}

-- The before/after measure: the room rates each statement OK / warning sign /
-- stalking before the play and again at its end (S skips a round); the report
-- shows how the room's answers moved (totals only).
statements {
  { id = "checks_phone",
    text = { da = "Han tjekker hendes telefon hver dag.", en = "He checks her phone every day." } },
  { id = "many_messages",
    text = { da = "Han sender 40 beskeder, når hun ikke svarer.",
             en = "He sends 40 messages when she doesn't answer." } },
  { id = "shows_up",
    text = { da = "Efter bruddet dukker han op, hvor hun træner.",
             en = "After the breakup he shows up where she trains." } },
  { id = "fake_profile",
    text = { da = "Han laver en falsk profil for at følge med i hende.",
             en = "He makes a fake profile to keep an eye on her." } },
}

include "beats_relationship.lua"
include "beats_stalking.lua"
include "beats_help.lua"
