# Man pages for both programs, made at build time by help2man from their own --help and --version (so
# that they never drift from the programs), gzipped as Debian wants them and installed by the packages.
# Optional: without help2man a plain build still works and says so; CI installs it (.ci/packages.txt) and
# packaging/check-linux.sh fails a package without them. Included from packaging.cmake.
include_guard(GLOBAL)

if(NOT (UNIX AND NOT APPLE) OR NOT TARGET ${AJM_GUI_EXECUTABLE} OR NOT TARGET ${AJM_CLI_EXECUTABLE})
    return()
endif()

find_program(AJM_HELP2MAN_EXECUTABLE help2man)
find_program(AJM_MAN_GZIP_EXECUTABLE gzip)
if(NOT AJM_HELP2MAN_EXECUTABLE OR NOT AJM_MAN_GZIP_EXECUTABLE)
    message(STATUS "packaging: help2man or gzip not found; the man pages are not built (install help2man)")
    return()
endif()

# help2man dates the page; SOURCE_DATE_EPOCH makes that the release date, not the build's, so the
# packages stay reproducible. Days from the civil date (Howard Hinnant's algorithm), in CMake's integers.
set(_ajm_man_epoch 0)
if(AJM_RELEASE_DATE MATCHES "^([0-9][0-9][0-9][0-9])-([0-9][0-9])-([0-9][0-9])$")
    set(y "${CMAKE_MATCH_1}")
    math(EXPR m "1${CMAKE_MATCH_2} - 100")
    math(EXPR d "1${CMAKE_MATCH_3} - 100")
    if(m LESS_EQUAL 2)
        math(EXPR y "${y} - 1")
        math(EXPR mp "${m} + 9")
    else()
        math(EXPR mp "${m} - 3")
    endif()
    math(EXPR era "${y} / 400")
    math(EXPR yoe "${y} - ${era} * 400")
    math(EXPR doy "(153 * ${mp} + 2) / 5 + ${d} - 1")
    math(EXPR doe "${yoe} * 365 + ${yoe} / 4 - ${yoe} / 100 + ${doy}")
    math(EXPR _ajm_man_epoch "(${era} * 146097 + ${doe} - 719468) * 86400")
endif()

set(_ajm_man_dir "${AJM_PACKAGING_BINARY_DIR}/man")
set(_ajm_man_pages "")
# name  target  NAME paragraph  include file
foreach(_ajm_man IN ITEMS cli gui)
    if(_ajm_man STREQUAL "cli")
        set(_target ${AJM_CLI_EXECUTABLE})
        set(_name "list and cancel Alchemyst AI context-add jobs from the command line")
        set(_version "")
    else()
        set(_target ${AJM_GUI_EXECUTABLE})
        set(_name "triage Alchemyst AI context-add ingestion jobs in a window")
        # Its --version says "Alchemyst Job Monitor 0.1.0", of which help2man would take "Alchemyst" for the
        # program's name.
        set(_version "--version-string=${PROJECT_VERSION}")
    endif()
    set(_include "${AJM_PACKAGING_SOURCE_DIR}/linux/man/${_target}.h2m")
    set(_page "${_ajm_man_dir}/${_target}.1")
    # The programs answer --help and --version without a display (app/main.cpp parses them before
    # QApplication) and without settings, keychain or network; they run with an empty environment's
    # variables so that nothing of the builder's shows in the page.
    add_custom_command(OUTPUT "${_page}.gz"
        COMMAND "${CMAKE_COMMAND}" -E make_directory "${_ajm_man_dir}"
        COMMAND "${CMAKE_COMMAND}" -E env SOURCE_DATE_EPOCH=${_ajm_man_epoch} LC_ALL=C.UTF-8
                --unset=DISPLAY --unset=WAYLAND_DISPLAY
                "${AJM_HELP2MAN_EXECUTABLE}" --no-info --section=1 "--manual=User Commands"
                "--source=${AJM_APP_NAME} ${PROJECT_VERSION}" "--name=${_name}"
                "--include=${_include}" "--output=${_page}" ${_version} "$<TARGET_FILE:${_target}>"
        COMMAND "${AJM_MAN_GZIP_EXECUTABLE}" -9 -n -f "${_page}"
        DEPENDS ${_target} "${_include}"
        COMMENT "help2man: ${_target}.1"
        VERBATIM)
    list(APPEND _ajm_man_pages "${_page}.gz")
endforeach()
add_custom_target(man_pages ALL DEPENDS ${_ajm_man_pages})
install(FILES ${_ajm_man_pages} DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
