# dmgbuild settings for aegui's macOS disk image: the app and a link to /Applications, side
# by side, so a user drags one onto the other. packaging/build.py runs it as
#
#     dmgbuild -s packaging/macos/dmg_settings.py -D app=dist/aegui.app "aegui" dist/aegui-VERSION-macos.dmg
#
# dmgbuild executes this file with `defines` (the -D values) in scope.
import os.path

application = defines.get("app", "dist/aegui.app")  # noqa: F821 (dmgbuild provides defines)
appname = os.path.basename(application)

format = "UDZO"  # compressed, read-only
filesystem = "HFS+"
size = None  # dmgbuild measures the app
files = [application]
symlinks = {"Applications": "/Applications"}
badge_icon = None
icon_locations = {appname: (140, 160), "Applications": (400, 160)}
window_rect = ((200, 200), (540, 340))
default_view = "icon-view"
show_status_bar = False
show_tab_view = False
show_toolbar = False
show_pathbar = False
show_sidebar = False
arrange_by = None
icon_size = 96
text_size = 13
