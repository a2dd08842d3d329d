; Inno Setup script for aegui's Windows installer. It packs the PyInstaller bundle in
; dist\aegui (made by `python packaging\build.py bundle`) into dist\aegui-VERSION-windows-setup.exe:
;
;     iscc /DAppVersion=0.1.0 packaging\windows\aegui.iss
;
; packaging\build.py runs this with the version from aegui/__init__.py. The installer asks
; for no administrator rights by default (it installs for the current user, like napari's and
; Anki's); choose "for all users" in its first page to install into Program Files instead.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "aegui"
#define AppExe "aegui.exe"
#define Root "..\.."

[Setup]
AppId={{6B0E3C52-2F4B-4F3C-9C1E-8A5D0E7A1F40}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The aegui developers
AppPublisherURL=https://github.com/aegui/aegui
AppSupportURL=https://github.com/aegui/aegui/issues
AppUpdatesURL=https://github.com/aegui/aegui/releases
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist
OutputBaseFilename=aegui-{#AppVersion}-windows-setup
SetupIconFile={#Root}\resources\icons\aegui.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; aegui is an ordinary desktop app: no restart, and a running copy is closed before an update.
CloseApplications=yes
RestartApplications=no
ChangesAssociations=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Root}\dist\aegui\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "A desktop workbench for autoencoders"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Python may leave byte-code caches next to the sources torch's exporter reads.
Type: filesandordirs; Name: "{app}\_internal\aegui\__pycache__"
