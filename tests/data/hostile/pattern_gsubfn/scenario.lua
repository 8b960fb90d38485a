scenario { id = "hostile", languages = { "da", "en" }, start = "a" }
cast { { id = "x", name = "X", color = "#112233" } }
beat "a" {
  narrate "start",
  choice = choice {
    option { text = "1", to = "b",
             when = function(v) return (("x"):rep(10):gsub("x", function(c) return ("a"):rep(3000):find(".-.-.-b") and "y" or "z" end)) ~= nil end },
    option { text = "2", to = "b",
             when = function(v) return ("(a)"):find("%b()") == 1 and ("  x  "):match("^%s*(.-)%s*$") == "x" end },
  },
}
beat "b" { ending = "end" }
