-- The default evaluation questionnaire for dialog events.
-- It measures what the Tryg i Esbjerg evaluation reported: overall rating
-- (positive / neutral / negative), learned something new, learned what one
-- can do if oneself or someone one knows is exposed to stalking, and the
-- understanding of the word "stalking" (already knew / widened / new),
-- plus "I know where to get help" and an optional comment.
-- Change the id whenever questions or options change meaning: reports pool
-- answers by questionnaire id and question id.
questionnaire {
  id = "default-v1",
  title = { da = "Hvad syntes du?", en = "What did you think?" },
  intro = { da = "Svarene er anonyme. Du kan springe spørgsmål over.",
            en = "Your answers are anonymous. You can skip questions." },
  questions = {
    { id = "overall", kind = "single", required = true,
      text = { da = "Hvad syntes du om dialog-eventet?", en = "What did you think of the dialog event?" },
      options = {
        { da = "Meget dårligt", en = "Very bad" },
        { da = "Dårligt", en = "Bad" },
        { da = "Hverken godt eller dårligt", en = "Neither good nor bad" },
        { da = "Godt", en = "Good" },
        { da = "Meget godt", en = "Very good" },
      },
      groups = {
        { id = "positive", label = { da = "Positiv", en = "Positive" }, options = { 4, 5 } },
        { id = "neutral", label = { da = "Neutral", en = "Neutral" }, options = { 3 } },
        { id = "negative", label = { da = "Negativ", en = "Negative" }, options = { 1, 2 } },
      } },
    { id = "learned_new", kind = "yesno",
      text = { da = "Har du lært noget nyt?", en = "Did you learn something new?" } },
    { id = "learned_action", kind = "yesno",
      text = { da = "Har du lært noget om, hvad man kan gøre, hvis man selv eller nogen, man kender, er udsat for stalking?",
               en = "Did you learn what one can do if oneself or someone one knows is exposed to stalking?" } },
    { id = "word_stalking", kind = "single",
      text = { da = "Hvad betyder ordet 'stalking' for dig efter i dag?",
               en = "What does the word 'stalking' mean to you after today?" },
      options = {
        { da = "Jeg vidste det allerede", en = "I already knew" },
        { da = "Min forståelse er blevet udvidet", en = "My understanding has widened" },
        { da = "Det er helt ny viden for mig", en = "It is entirely new to me" },
      },
      groups = {
        { id = "widened_or_new", label = { da = "Udvidet eller ny forståelse", en = "Widened or new understanding" },
          options = { 2, 3 } },
      } },
    { id = "know_help", kind = "yesno",
      text = { da = "Jeg ved, hvor jeg kan få hjælp", en = "I know where to get help" } },
    { id = "comment", kind = "text", max_length = 500,
      text = { da = "Har du en kommentar? (frivilligt)", en = "Any comment? (optional)" },
      warning = { da = "Skriv ingen navne", en = "Write no names" } },
  },
}
