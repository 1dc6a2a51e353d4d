# Packaging for Alchemyst Job Monitor: one identity (AJM_APP_ID, AJM_APP_NAME,
# PROJECT_VERSION) configured into the desktop file, AppStream metainfo, WiX
# source, Windows version resources, Info.plist and CPack.
#
# Included from the top-level CMakeLists.txt after the executables exist:
#   include(packaging/packaging.cmake OPTIONAL)
# Never fails configuration because an optional tool is missing; tools are
# looked up where they are used (at install/package time) or only on the
# platform that needs them. See packaging/README.md.
include_guard(GLOBAL)

foreach(_ajm_var IN ITEMS AJM_APP_ID AJM_APP_NAME PROJECT_VERSION)
    if(NOT DEFINED ${_ajm_var} OR "${${_ajm_var}}" STREQUAL "")
        message(WARNING "packaging.cmake: ${_ajm_var} is not set; packaging disabled")
        return()
    endif()
endforeach()

# ---------------------------------------------------------------------------
# Identity. Everything below is derived from these; change them here (or in
# the top-level CMakeLists.txt for id, name and version) and nowhere else.
# ---------------------------------------------------------------------------
if(NOT DEFINED AJM_ORG_NAME)
    set(AJM_ORG_NAME "Alchemyst AI")
endif()
set(AJM_GUI_EXECUTABLE alchemyst-job-monitor)
set(AJM_CLI_EXECUTABLE alchemyst-jobs)
set(AJM_PACKAGE_NAME alchemyst-job-monitor)   # deb/tarball/dmg base name
if(PROJECT_DESCRIPTION)
    set(AJM_APP_SUMMARY "${PROJECT_DESCRIPTION}")
else()
    set(AJM_APP_SUMMARY "Triage Alchemyst AI context-add ingestion jobs")
endif()
if(PROJECT_HOMEPAGE_URL)
    set(AJM_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
else()
    set(AJM_HOMEPAGE "https://getalchemystai.com")
endif()
set(AJM_REPOSITORY_URL "https://github.com/alchemyst-ai/job-monitor")
set(AJM_SCREENSHOT_BASE_URL
    "https://raw.githubusercontent.com/alchemyst-ai/job-monitor/main/resources/screenshots")
set(AJM_PACKAGE_MAINTAINER "Alchemyst AI <support@getalchemystai.com>"
    CACHE STRING "Maintainer (Name <email>) for the Debian package and metadata")
# Date of the release named by project(VERSION): set in the top-level
# CMakeLists.txt (the About box shows it too); a fixed value, not the build
# time, so packages are reproducible. The fallback serves a lone include.
if(NOT DEFINED AJM_RELEASE_DATE)
    set(AJM_RELEASE_DATE "2026-11-29")
endif()
string(SUBSTRING "${AJM_RELEASE_DATE}" 0 4 AJM_COPYRIGHT_YEAR)
# LSMinimumSystemVersion follows the deployment target the build uses (the
# release workflow passes -DCMAKE_OSX_DEPLOYMENT_TARGET=12.0 for Qt 6.8).
if(CMAKE_OSX_DEPLOYMENT_TARGET)
    set(AJM_MACOS_MINIMUM "${CMAKE_OSX_DEPLOYMENT_TARGET}")
else()
    set(AJM_MACOS_MINIMUM "12.0")
endif()

set(AJM_VERSION_MINOR "${PROJECT_VERSION_MINOR}")
set(AJM_VERSION_PATCH "${PROJECT_VERSION_PATCH}")
if(AJM_VERSION_MINOR STREQUAL "")
    set(AJM_VERSION_MINOR 0)
endif()
if(AJM_VERSION_PATCH STREQUAL "")
    set(AJM_VERSION_PATCH 0)
endif()
set(AJM_MSI_VERSION "${PROJECT_VERSION_MAJOR}.${AJM_VERSION_MINOR}.${AJM_VERSION_PATCH}")
set(AJM_DEB_REVISION 1)
set(AJM_DEB_VERSION "${PROJECT_VERSION}-${AJM_DEB_REVISION}")

set(AJM_PACKAGING_SOURCE_DIR "${CMAKE_CURRENT_LIST_DIR}")
set(AJM_PACKAGING_BINARY_DIR "${PROJECT_BINARY_DIR}/packaging")
set(AJM_ICON_SOURCE_DIR "${PROJECT_SOURCE_DIR}/resources/icons")
# The licence texts of what the packages contain (ours, Qt's, QtKeychain's):
# installed in every package and shown by Help → Third-Party Licences.
file(GLOB AJM_LICENSE_FILES "${PROJECT_SOURCE_DIR}/resources/licenses/*.txt")
set(AJM_ICON_SIZES 16 24 32 48 64 128 256 512)
set(AJM_ICON_SVG "${AJM_ICON_SOURCE_DIR}/${AJM_APP_ID}.svg")
set(AJM_ICON_ICO "${AJM_ICON_SOURCE_DIR}/${AJM_APP_ID}.ico")
set(AJM_ICON_ICNS "${AJM_ICON_SOURCE_DIR}/${AJM_APP_ID}.icns")
set(AJM_ICNS_NAME "${AJM_APP_ID}.icns")
foreach(_ajm_icon IN ITEMS "${AJM_ICON_SVG}" "${AJM_ICON_ICO}" "${AJM_ICON_ICNS}")
    if(NOT EXISTS "${_ajm_icon}")
        message(WARNING "packaging.cmake: ${_ajm_icon} missing (icons are named after "
                        "AJM_APP_ID; run packaging/generate-icons.sh)")
    endif()
endforeach()

# RFC 2822 form of AJM_RELEASE_DATE for debian/changelog (weekday by Zeller's
# congruence: no tool needed, same result everywhere).
function(_ajm_rfc2822_date iso out_var)
    if(NOT iso MATCHES "^([0-9][0-9][0-9][0-9])-([0-9][0-9])-([0-9][0-9])$")
        message(WARNING "packaging.cmake: AJM_RELEASE_DATE '${iso}' is not YYYY-MM-DD")
        set(${out_var} "Thu, 01 Jan 1970 00:00:00 +0000" PARENT_SCOPE)
        return()
    endif()
    set(y "${CMAKE_MATCH_1}")
    math(EXPR m "1${CMAKE_MATCH_2} - 100")
    math(EXPR d "1${CMAKE_MATCH_3} - 100")
    set(zm ${m})
    set(zy ${y})
    if(m LESS 3)
        math(EXPR zm "${m} + 12")
        math(EXPR zy "${y} - 1")
    endif()
    math(EXPR h "(${d} + (13 * (${zm} + 1)) / 5 + ${zy} % 100 + (${zy} % 100) / 4 + (${zy} / 100) / 4 + 5 * (${zy} / 100)) % 7")
    set(_days Sat Sun Mon Tue Wed Thu Fri)
    list(GET _days ${h} wd)
    set(_months Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec)
    math(EXPR mi "${m} - 1")
    list(GET _months ${mi} mon)
    if(d LESS 10)
        set(d "0${d}")
    endif()
    set(${out_var} "${wd}, ${d} ${mon} ${y} 00:00:00 +0000" PARENT_SCOPE)
endfunction()
_ajm_rfc2822_date("${AJM_RELEASE_DATE}" AJM_RELEASE_DATE_RFC2822)

# ---------------------------------------------------------------------------
# Configured files (all platforms, so every one can be checked on Linux).
# ---------------------------------------------------------------------------
set(AJM_DESKTOP_FILE "${AJM_PACKAGING_BINARY_DIR}/linux/${AJM_APP_ID}.desktop")
set(AJM_METAINFO_FILE "${AJM_PACKAGING_BINARY_DIR}/linux/${AJM_APP_ID}.metainfo.xml")
set(AJM_INFO_PLIST "${AJM_PACKAGING_BINARY_DIR}/macos/Info.plist")
set(AJM_WXS_FILE "${AJM_PACKAGING_BINARY_DIR}/windows/${AJM_GUI_EXECUTABLE}.wxs")
set(AJM_WIX_ICON "${AJM_ICON_ICO}")
set(AJM_WIX_LICENSE_RTF "${AJM_PACKAGING_SOURCE_DIR}/windows/license.rtf")
set(AJM_WIX_DEFAULT_SOURCE_DIR "${PROJECT_BINARY_DIR}/wix-stage/${CMAKE_INSTALL_BINDIR}")

configure_file("${AJM_PACKAGING_SOURCE_DIR}/linux/app.desktop.in" "${AJM_DESKTOP_FILE}" @ONLY)
configure_file("${AJM_PACKAGING_SOURCE_DIR}/linux/app.metainfo.xml.in" "${AJM_METAINFO_FILE}" @ONLY)
configure_file("${AJM_PACKAGING_SOURCE_DIR}/macos/Info.plist.in" "${AJM_INFO_PLIST}" @ONLY)
configure_file("${AJM_PACKAGING_SOURCE_DIR}/windows/app.wxs.in" "${AJM_WXS_FILE}" @ONLY)

# Windows version resource: ajm_add_windows_version_resource(<target> <description>)
# configures packaging/windows/version.rc.in into <build>/packaging/windows/<target>.rc,
# returns its path in AJM_WINDOWS_RC_<target>, and on WIN32 adds it to the target.
function(ajm_add_windows_version_resource target description)
    set(AJM_RC_TARGET "${target}")
    set(AJM_RC_DESCRIPTION "${description}")
    set(AJM_RC_ICON "${AJM_ICON_ICO}")
    set(rc "${AJM_PACKAGING_BINARY_DIR}/windows/${target}.rc")
    configure_file("${AJM_PACKAGING_SOURCE_DIR}/windows/version.rc.in" "${rc}" @ONLY)
    set(AJM_WINDOWS_RC_${target} "${rc}" PARENT_SCOPE)
    if(WIN32 AND TARGET ${target})
        target_sources(${target} PRIVATE "${rc}")
    endif()
endfunction()
ajm_add_windows_version_resource(${AJM_GUI_EXECUTABLE} "${AJM_APP_NAME}")
ajm_add_windows_version_resource(${AJM_CLI_EXECUTABLE} "${AJM_APP_NAME} command-line client")
set(AJM_WINDOWS_RC "${AJM_WINDOWS_RC_${AJM_GUI_EXECUTABLE}}")

if(NOT TARGET ${AJM_GUI_EXECUTABLE})
    message(STATUS "packaging.cmake: target ${AJM_GUI_EXECUTABLE} not defined; "
                   "metadata configured, install rules for it skipped")
endif()

# ---------------------------------------------------------------------------
# Linux / other freedesktop systems
# ---------------------------------------------------------------------------
if(UNIX AND NOT APPLE)
    install(FILES "${AJM_DESKTOP_FILE}"
            DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/applications")
    install(FILES "${AJM_METAINFO_FILE}"
            DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/metainfo")
    foreach(_ajm_size IN LISTS AJM_ICON_SIZES)
        install(FILES "${AJM_ICON_SOURCE_DIR}/hicolor/${_ajm_size}x${_ajm_size}/apps/${AJM_APP_ID}.png"
                DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/icons/hicolor/${_ajm_size}x${_ajm_size}/apps")
    endforeach()
    install(FILES "${AJM_ICON_SVG}"
            DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/icons/hicolor/scalable/apps")

    # Debian policy files (also harmless in an AppDir or tarball).
    set(AJM_DOC_DIR "${CMAKE_INSTALL_DATAROOTDIR}/doc/${AJM_PACKAGE_NAME}")
    configure_file("${AJM_PACKAGING_SOURCE_DIR}/linux/copyright.in"
                   "${AJM_PACKAGING_BINARY_DIR}/linux/copyright" @ONLY)
    configure_file("${AJM_PACKAGING_SOURCE_DIR}/linux/changelog.Debian.in"
                   "${AJM_PACKAGING_BINARY_DIR}/linux/changelog.Debian" @ONLY)
    install(FILES "${AJM_PACKAGING_BINARY_DIR}/linux/copyright" DESTINATION "${AJM_DOC_DIR}")
    install(FILES ${AJM_LICENSE_FILES} DESTINATION "${AJM_DOC_DIR}/licenses")
    find_program(AJM_GZIP_EXECUTABLE gzip)
    if(AJM_GZIP_EXECUTABLE)
        # -n: no name/timestamp, so the .gz is reproducible (lintian wants -9).
        execute_process(
            COMMAND "${AJM_GZIP_EXECUTABLE}" -9 -n -c "${AJM_PACKAGING_BINARY_DIR}/linux/changelog.Debian"
            OUTPUT_FILE "${AJM_PACKAGING_BINARY_DIR}/linux/changelog.Debian.gz"
            RESULT_VARIABLE _ajm_gzip_rc)
        if(_ajm_gzip_rc EQUAL 0)
            install(FILES "${AJM_PACKAGING_BINARY_DIR}/linux/changelog.Debian.gz"
                    DESTINATION "${AJM_DOC_DIR}")
        endif()
    endif()
endif()

# Man pages (help2man, optional) and the CLI's shell completion.
include("${CMAKE_CURRENT_LIST_DIR}/manpages.cmake")
if(UNIX AND NOT APPLE AND TARGET ${AJM_CLI_EXECUTABLE})
    # Where bash-completion and Debian's zsh look for the completions of installed packages.
    install(FILES "${AJM_PACKAGING_SOURCE_DIR}/completion/alchemyst-jobs.bash"
            DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/bash-completion/completions"
            RENAME ${AJM_CLI_EXECUTABLE})
    install(FILES "${AJM_PACKAGING_SOURCE_DIR}/completion/_alchemyst-jobs"
            DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/zsh/vendor-completions")
endif()

# Qt's deployment tools (windeployqt, macdeployqt) live beside qmake.
set(_ajm_qt_bin_hint "")
if(TARGET Qt6::qmake)
    get_target_property(_ajm_qmake Qt6::qmake IMPORTED_LOCATION)
    if(_ajm_qmake)
        get_filename_component(_ajm_qt_bin_hint "${_ajm_qmake}" DIRECTORY)
    endif()
endif()

# ---------------------------------------------------------------------------
# Windows: version resources (above), no console for the GUI, app-local MSVC
# runtime, Qt and QtKeychain DLLs deployed next to the executables at install.
# ---------------------------------------------------------------------------
if(WIN32 AND TARGET ${AJM_GUI_EXECUTABLE})
    set_target_properties(${AJM_GUI_EXECUTABLE} PROPERTIES WIN32_EXECUTABLE TRUE)
    install(FILES ${AJM_LICENSE_FILES} DESTINATION "${CMAKE_INSTALL_BINDIR}/licenses")

    set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION "${CMAKE_INSTALL_BINDIR}")
    set(CMAKE_INSTALL_UCRT_LIBRARIES FALSE)
    include(InstallRequiredSystemLibraries)

    find_program(AJM_WINDEPLOYQT_EXECUTABLE windeployqt HINTS "${_ajm_qt_bin_hint}")
    if(AJM_WINDEPLOYQT_EXECUTABLE)
        set(_ajm_deploy_execs "\"${AJM_GUI_EXECUTABLE}.exe\"")
        if(TARGET ${AJM_CLI_EXECUTABLE})
            string(APPEND _ajm_deploy_execs " \"${AJM_CLI_EXECUTABLE}.exe\"")
        endif()
        # Qt's own translations (dialog buttons, context menus) go to translations/ beside the executable,
        # where app/core/translations.cpp looks for them; ours are inside the executable (:/i18n).
        # macdeployqt does not copy them into a bundle (the macOS block below does); the .deb recommends
        # qt6-translations-l10n.
        install(CODE "
            set(_bindir \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")
            foreach(_exe IN ITEMS ${_ajm_deploy_execs})
                message(STATUS \"windeployqt: \${_exe}\")
                execute_process(
                    COMMAND \"${AJM_WINDEPLOYQT_EXECUTABLE}\"
                            $<IF:$<CONFIG:Debug>,--debug,--release>
                            --no-compiler-runtime
                            --no-system-d3d-compiler --no-opengl-sw
                            --verbose 1 \"\${_bindir}/\${_exe}\"
                    RESULT_VARIABLE _rc)
                if(NOT _rc EQUAL 0)
                    message(FATAL_ERROR \"windeployqt failed for \${_exe}: \${_rc}\")
                endif()
            endforeach()
        ")
    else()
        message(WARNING "packaging.cmake: windeployqt not found; the install tree "
                        "will lack the Qt DLLs (the MSI needs them)")
    endif()
    # windeployqt only copies Qt's own libraries: add QtKeychain's DLL.
    if(TARGET Qt6Keychain::Qt6Keychain)
        get_target_property(_ajm_kc_type Qt6Keychain::Qt6Keychain TYPE)
        if(_ajm_kc_type STREQUAL "SHARED_LIBRARY")
            install(FILES "$<TARGET_FILE:Qt6Keychain::Qt6Keychain>"
                    DESTINATION "${CMAKE_INSTALL_BINDIR}")
        endif()
    endif()
endif()

# ---------------------------------------------------------------------------
# macOS: app bundle with Info.plist and icon; at install time the CLI is moved
# into the bundle and macdeployqt makes the bundle self-contained. Signing,
# DMG and notarisation: packaging/macos/sign-and-notarize.sh.
# ---------------------------------------------------------------------------
if(APPLE AND TARGET ${AJM_GUI_EXECUTABLE})
    set_target_properties(${AJM_GUI_EXECUTABLE} PROPERTIES
        MACOSX_BUNDLE TRUE
        MACOSX_BUNDLE_INFO_PLIST "${AJM_INFO_PLIST}"
        MACOSX_BUNDLE_GUI_IDENTIFIER "${AJM_APP_ID}"
        MACOSX_BUNDLE_BUNDLE_NAME "${AJM_APP_NAME}"
        MACOSX_BUNDLE_BUNDLE_VERSION "${PROJECT_VERSION}"
        MACOSX_BUNDLE_SHORT_VERSION_STRING "${PROJECT_VERSION}"
        MACOSX_BUNDLE_ICON_FILE "${AJM_ICNS_NAME}"
        XCODE_ATTRIBUTE_PRODUCT_BUNDLE_IDENTIFIER "${AJM_APP_ID}")
    target_sources(${AJM_GUI_EXECUTABLE} PRIVATE "${AJM_ICON_ICNS}")
    install(FILES ${AJM_LICENSE_FILES}
            DESTINATION "${AJM_GUI_EXECUTABLE}.app/Contents/Resources/licenses")
    # Qt's own translations: macdeployqt does not copy them. qtbase_*.qm (and the other modules' files
    # the app uses) go to Contents/Resources/translations, where app/core/translations.cpp looks.
    set(_ajm_qt_qm "")
    if(_ajm_qmake)
        execute_process(COMMAND "${_ajm_qmake}" -query QT_INSTALL_TRANSLATIONS
                        OUTPUT_VARIABLE _ajm_qt_translations OUTPUT_STRIP_TRAILING_WHITESPACE)
        file(GLOB _ajm_qt_qm "${_ajm_qt_translations}/qtbase_*.qm")
    endif()
    if(_ajm_qt_qm)
        install(FILES ${_ajm_qt_qm}
                DESTINATION "${AJM_GUI_EXECUTABLE}.app/Contents/Resources/translations")
    else()
        message(WARNING "packaging.cmake: Qt's translations (qtbase_*.qm) not found; the bundle will show "
                        "Qt's own texts in English")
    endif()
    set_source_files_properties("${AJM_ICON_ICNS}"
        TARGET_DIRECTORY ${AJM_GUI_EXECUTABLE}
        PROPERTIES MACOSX_PACKAGE_LOCATION Resources)

    find_program(AJM_MACDEPLOYQT_EXECUTABLE macdeployqt HINTS "${_ajm_qt_bin_hint}")
    set(_ajm_libpath "")
    if(TARGET Qt6Keychain::Qt6Keychain)
        set(_ajm_libpath "\"-libpath=$<TARGET_FILE_DIR:Qt6Keychain::Qt6Keychain>\"")
    endif()
    if(AJM_MACDEPLOYQT_EXECUTABLE)
        install(CODE "
            set(_root \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}\")
            set(_app \"\${_root}/${AJM_GUI_EXECUTABLE}.app\")
            set(_cli \"\${_root}/${CMAKE_INSTALL_BINDIR}/${AJM_CLI_EXECUTABLE}\")
            set(_extra \"\")
            if(EXISTS \"\${_cli}\")
                file(COPY \"\${_cli}\" DESTINATION \"\${_app}/Contents/MacOS\")
                file(REMOVE \"\${_cli}\")
                file(GLOB _left \"\${_root}/${CMAKE_INSTALL_BINDIR}/*\")
                if(NOT _left)
                    file(REMOVE_RECURSE \"\${_root}/${CMAKE_INSTALL_BINDIR}\")
                endif()
                set(_extra \"-executable=\${_app}/Contents/MacOS/${AJM_CLI_EXECUTABLE}\")
            endif()
            message(STATUS \"macdeployqt: \${_app}\")
            execute_process(
                COMMAND \"${AJM_MACDEPLOYQT_EXECUTABLE}\" \"\${_app}\"
                        -always-overwrite -verbose=1 ${_ajm_libpath} \${_extra}
                RESULT_VARIABLE _rc)
            if(NOT _rc EQUAL 0)
                message(FATAL_ERROR \"macdeployqt failed: \${_rc}\")
            endif()
        ")
    else()
        message(WARNING "packaging.cmake: macdeployqt not found; the installed "
                        "bundle will not be self-contained")
    endif()
endif()

# ---------------------------------------------------------------------------
# CPack: .deb + .tar.gz on Linux, DragNDrop (unsigned) on macOS, ZIP on
# Windows (the MSI is built from the WiX source above, see packaging/README.md).
# ---------------------------------------------------------------------------
set(CPACK_PACKAGE_NAME "${AJM_PACKAGE_NAME}")
set(CPACK_PACKAGE_VENDOR "${AJM_ORG_NAME}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${AJM_APP_SUMMARY}")
set(CPACK_PACKAGE_DESCRIPTION
    "${AJM_APP_NAME} lists the context-add ingestion jobs of an Alchemyst AI\naccount, refreshes them automatically, marks the ones that look stuck,\ngroups failures by reason and cancels waiting jobs, one or many, with a\njournal of every cancel. The package also contains alchemyst-jobs, a\ncommand-line client.")
set(CPACK_PACKAGE_HOMEPAGE_URL "${AJM_HOMEPAGE}")
set(CPACK_PACKAGE_CONTACT "${AJM_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "${AJM_APP_NAME}")
set(CPACK_PACKAGE_ICON "${AJM_ICON_ICNS}")
set(CPACK_PACKAGE_CHECKSUM SHA256)
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_GENERATOR "")
foreach(_ajm_license IN ITEMS "${PROJECT_SOURCE_DIR}/LICENSE" "${AJM_PACKAGING_SOURCE_DIR}/LICENSE")
    if(EXISTS "${_ajm_license}")
        set(CPACK_RESOURCE_FILE_LICENSE "${_ajm_license}")
        break()
    endif()
endforeach()

if(APPLE)
    set(CPACK_GENERATOR "DragNDrop")
    set(CPACK_DMG_VOLUME_NAME "${AJM_APP_NAME}")
    set(CPACK_STRIP_FILES OFF)   # stripping after macdeployqt breaks signatures
elseif(WIN32)
    set(CPACK_GENERATOR "ZIP")
else()
    set(CPACK_GENERATOR "DEB;TGZ")
    set(CPACK_DEBIAN_PACKAGE_NAME "${AJM_PACKAGE_NAME}")
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_PACKAGE_RELEASE "${AJM_DEB_REVISION}")
    set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${AJM_PACKAGE_MAINTAINER}")
    set(CPACK_DEBIAN_PACKAGE_SECTION "utils")
    set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
    set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${AJM_HOMEPAGE}")
    # Library dependencies come from dpkg-shlibdeps (needs dpkg-dev and file at
    # package time). Added by hand: what is loaded at run time and so invisible
    # to it: the Qt platform plugins (xcb/wayland), the SVG icon engine plugin
    # (libqt6svg6: the bundled action icons), Qt SQL's SQLite driver (libqt6sql6-sqlite: the local history)
    # and the keyring backends.
    find_program(AJM_DPKG_SHLIBDEPS_EXECUTABLE dpkg-shlibdeps)
    if(AJM_DPKG_SHLIBDEPS_EXECUTABLE)
        set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
        set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6svg6, libqt6sql6-sqlite")
    else()
        set(CPACK_DEBIAN_PACKAGE_DEPENDS
            "libqt6widgets6, libqt6network6, libqt6httpserver6, libqt6keychain1, qt6-qpa-plugins, libqt6svg6, libqt6sql6-sqlite")
    endif()
    # qt6-translations-l10n: Qt's own texts (dialog buttons, context menus) in the system's language.
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
        "libsecret-1-0, gnome-keyring | kwalletmanager | keepassxc, qt6-translations-l10n")
    set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
    set(CPACK_ARCHIVE_FILE_NAME "${AJM_PACKAGE_NAME}-${PROJECT_VERSION}-${CMAKE_SYSTEM_NAME}-${CMAKE_SYSTEM_PROCESSOR}")
endif()
include(CPack)
