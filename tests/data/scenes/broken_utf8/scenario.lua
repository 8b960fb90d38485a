scenario { id = "broken", languages = { "da", "en" }, start = "a" }
cast { { id = "sofie", name = "Sofie", color = "#e07a5f" } }
beat "a" {
  say("sofie", { da = "ok", en = "bad ÿ byte" }),
  ending = "x",
}
