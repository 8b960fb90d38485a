
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/engine/core/buf.c" "engine/core/CMakeFiles/core.dir/buf.c.o" "gcc" "engine/core/CMakeFiles/core.dir/buf.c.o.d"
  "/work/main/engine/core/err.c" "engine/core/CMakeFiles/core.dir/err.c.o" "gcc" "engine/core/CMakeFiles/core.dir/err.c.o.d"
  "/work/main/engine/core/log.c" "engine/core/CMakeFiles/core.dir/log.c.o" "gcc" "engine/core/CMakeFiles/core.dir/log.c.o.d"
  "/work/main/engine/core/utf8.c" "engine/core/CMakeFiles/core.dir/utf8.c.o" "gcc" "engine/core/CMakeFiles/core.dir/utf8.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
