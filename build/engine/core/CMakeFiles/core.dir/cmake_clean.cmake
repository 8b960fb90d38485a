file(REMOVE_RECURSE
  "CMakeFiles/core.dir/buf.c.o"
  "CMakeFiles/core.dir/buf.c.o.d"
  "CMakeFiles/core.dir/err.c.o"
  "CMakeFiles/core.dir/err.c.o.d"
  "CMakeFiles/core.dir/log.c.o"
  "CMakeFiles/core.dir/log.c.o.d"
  "CMakeFiles/core.dir/utf8.c.o"
  "CMakeFiles/core.dir/utf8.c.o.d"
  "libcore.a"
  "libcore.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/core.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
