scenario { id = "broken", languages = { "da", "en" }, start = "a" }
cast { { id = "sofie", name = "Sofie", color = "#e07a5f" } }
beat "a" {
  choice = choice {
    option { text = "1", to = "a" },
    option { text = "2", to = "a" },
    option { text = "3", to = "a" },
    option { text = "4", to = "a" },
    option { text = "5", to = "a" },
    option { text = "6", to = "a" },
    option { text = "7", to = "a" },
    option { text = "8", to = "a" },
    option { text = "9", to = "a" },
    option { text = "10", to = "a" },
  },
}
