// The tests run bash scripts, shellcheck, curl and systemd tools: Linux only, like a GPU node.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
