// Compiled by MSBuild's RoslynCodeTaskFactory (see MLCourse.targets) and by the unit tests.
// Written against netstandard2.0 APIs because that is what the inline task compiler offers.
#nullable enable
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace MLCourse.Build
{
    /// <summary>
    /// MSBuild task: marks one version need of native libraries weak when the system's libstdc++ does
    /// not define that version, so that the dynamic loader no longer refuses to load them.
    /// </summary>
    /// <remarks>
    /// Used for TorchSharp 0.107.0's <c>libLibTorchSharp.so</c>, whose only <c>GLIBCXX_3.4.32</c>
    /// symbol (<c>std::ios_base_library_init()</c>) is a link-time anchor that is never called.
    /// The files are replaced, never edited in place, so a hard link into the NuGet cache stays intact.
    /// </remarks>
    public sealed class WeakenMissingLibStdCxxVersion : Microsoft.Build.Utilities.Task
    {
        /// <summary>The native libraries to patch (copies in a build output).</summary>
        [Required]
        public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>The version need to weaken, e.g. <c>GLIBCXX_3.4.32</c>.</summary>
        [Required]
        public string Version { get; set; } = "";

        /// <inheritdoc />
        public override bool Execute()
        {
            string? libStdCxx = SystemLibStdCxx.Find();
            if (libStdCxx is null)
            {
                Log.LogMessage(MessageImportance.Normal,
                    "MLCourse: no libstdc++.so.6 found on this system; native libraries left as they are.");
                return true;
            }
            if (ElfVersions.Defines(File.ReadAllBytes(libStdCxx), Version))
            {
                Log.LogMessage(MessageImportance.Low, $"MLCourse: {libStdCxx} defines {Version}; nothing to do.");
                return true;
            }
            foreach (ITaskItem item in Libraries)
            {
                string path = item.GetMetadata("FullPath");
                byte[] elf = File.ReadAllBytes(path);
                if (!ElfVersions.MarkNeedWeak(elf, Version))
                {
                    continue;
                }
                ReplaceFile(path, elf);
                Log.LogMessage(MessageImportance.High,
                    $"MLCourse: {libStdCxx} lacks {Version}; marked that need weak in {path}.");
            }
            return !Log.HasLoggedErrors;
        }

        private static void ReplaceFile(string path, byte[] contents)
        {
            string temporary = path + ".mlcourse-tmp";
            File.WriteAllBytes(temporary, contents);
            File.Delete(path);
            File.Move(temporary, path);
        }
    }

    /// <summary>Finds the libstdc++ that the dynamic loader would use.</summary>
    public static class SystemLibStdCxx
    {
        private static readonly string[] FallbackDirectories =
        {
            "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib",
        };

        /// <summary>
        /// The path of <c>libstdc++.so.6</c> from the loader cache (<c>ldconfig -p</c>), else from the
        /// usual library folders; <c>null</c> when there is none.
        /// </summary>
        public static string? Find()
        {
            foreach (string candidate in FromLoaderCache())
            {
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
            foreach (string directory in FallbackDirectories)
            {
                string candidate = Path.Combine(directory, "libstdc++.so.6");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
            return null;
        }

        private static IEnumerable<string> FromLoaderCache()
        {
            string? ldconfig = File.Exists("/sbin/ldconfig") ? "/sbin/ldconfig"
                : File.Exists("/usr/sbin/ldconfig") ? "/usr/sbin/ldconfig"
                : null;
            if (ldconfig is null)
            {
                yield break;
            }
            var start = new ProcessStartInfo(ldconfig, "-p") { RedirectStandardOutput = true, UseShellExecute = false };
            string output;
            using (Process process = Process.Start(start)!)
            {
                output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
            }
            // Lines look like: "libstdc++.so.6 (libc6,x86-64) => /lib/x86_64-linux-gnu/libstdc++.so.6".
            foreach (string line in output.Split('\n'))
            {
                string trimmed = line.Trim();
                int arrow = trimmed.IndexOf("=> ", StringComparison.Ordinal);
                if (trimmed.StartsWith("libstdc++.so.6 ", StringComparison.Ordinal) && arrow > 0)
                {
                    yield return trimmed.Substring(arrow + 3).Trim();
                }
            }
        }
    }

    /// <summary>
    /// Reads and edits the symbol-version sections of a 64-bit little-endian ELF shared library:
    /// <c>.gnu.version_d</c> (versions it defines) and <c>.gnu.version_r</c> (versions it needs).
    /// Layouts follow the System V gABI and the LSB "Symbol Versioning" chapter.
    /// </summary>
    public static class ElfVersions
    {
        private const uint VersionDefinitionSection = 0x6ffffffd; // SHT_GNU_verdef
        private const uint VersionNeedSection = 0x6ffffffe;       // SHT_GNU_verneed

        /// <summary>The flag that makes a missing version a warning instead of a load failure.</summary>
        public const ushort WeakFlag = 0x2; // VER_FLG_WEAK

        /// <summary>One entry of <c>.gnu.version_r</c>: a version needed from a file.</summary>
        public sealed class VersionNeed
        {
            internal VersionNeed(string file, string version, ushort flags, int flagsOffset)
            {
                File = file;
                Version = version;
                Flags = flags;
                FlagsOffset = flagsOffset;
            }

            /// <summary>The library the version is needed from, e.g. <c>libstdc++.so.6</c>.</summary>
            public string File { get; }

            /// <summary>The version name, e.g. <c>GLIBCXX_3.4.32</c>.</summary>
            public string Version { get; }

            /// <summary>The entry's flags (<see cref="WeakFlag"/> among them).</summary>
            public ushort Flags { get; }

            internal int FlagsOffset { get; }
        }

        /// <summary>
        /// Whether the library defines <paramref name="version"/> (lists it in <c>.gnu.version_d</c>).
        /// </summary>
        /// <exception cref="InvalidDataException">The bytes are not a 64-bit little-endian ELF file.</exception>
        public static bool Defines(byte[] elf, string version)
        {
            foreach (Section section in SectionsOfType(elf, VersionDefinitionSection))
            {
                int strings = StringTableOffset(elf, section);
                int definition = section.Offset;
                for (int i = 0; i < section.Info; i++)
                {
                    // Elf64_Verdef: vd_cnt at 6, vd_aux at 12, vd_next at 16; Elf64_Verdaux: vda_name at 0.
                    int aux = definition + (int)UInt32(elf, definition + 12);
                    if (UInt16(elf, definition + 6) > 0 && ReadString(elf, strings + (int)UInt32(elf, aux)) == version)
                    {
                        return true;
                    }
                    definition += (int)UInt32(elf, definition + 16);
                }
            }
            return false;
        }

        /// <summary>Every version need of the library, in file order.</summary>
        /// <exception cref="InvalidDataException">The bytes are not a 64-bit little-endian ELF file.</exception>
        public static IReadOnlyList<VersionNeed> Needs(byte[] elf)
        {
            var needs = new List<VersionNeed>();
            foreach (Section section in SectionsOfType(elf, VersionNeedSection))
            {
                int strings = StringTableOffset(elf, section);
                int need = section.Offset;
                for (int i = 0; i < section.Info; i++)
                {
                    // Elf64_Verneed: vn_cnt at 2, vn_file at 4, vn_aux at 8, vn_next at 12.
                    string file = ReadString(elf, strings + (int)UInt32(elf, need + 4));
                    int aux = need + (int)UInt32(elf, need + 8);
                    for (int j = 0; j < UInt16(elf, need + 2); j++)
                    {
                        // Elf64_Vernaux: vna_flags at 4, vna_name at 8, vna_next at 12.
                        string version = ReadString(elf, strings + (int)UInt32(elf, aux + 8));
                        needs.Add(new VersionNeed(file, version, UInt16(elf, aux + 4), aux + 4));
                        aux += (int)UInt32(elf, aux + 12);
                    }
                    need += (int)UInt32(elf, need + 12);
                }
            }
            return needs;
        }

        /// <summary>
        /// Sets <see cref="WeakFlag"/> on every need of <paramref name="version"/> that lacks it.
        /// </summary>
        /// <returns><c>true</c> when the bytes were changed; <c>false</c> when there was nothing to do.</returns>
        /// <exception cref="InvalidDataException">The bytes are not a 64-bit little-endian ELF file.</exception>
        public static bool MarkNeedWeak(byte[] elf, string version)
        {
            bool changed = false;
            foreach (VersionNeed need in Needs(elf))
            {
                if (need.Version == version && (need.Flags & WeakFlag) == 0)
                {
                    ushort flags = (ushort)(need.Flags | WeakFlag);
                    elf[need.FlagsOffset] = (byte)flags;
                    elf[need.FlagsOffset + 1] = (byte)(flags >> 8);
                    changed = true;
                }
            }
            return changed;
        }

        private readonly struct Section
        {
            public Section(int offset, uint link, uint info)
            {
                Offset = offset;
                Link = link;
                Info = info;
            }

            public int Offset { get; }
            public uint Link { get; }
            public uint Info { get; }
        }

        private static IEnumerable<Section> SectionsOfType(byte[] elf, uint type)
        {
            RequireElf64LittleEndian(elf);
            // Elf64_Ehdr: e_shoff at 0x28, e_shentsize at 0x3A, e_shnum at 0x3C.
            long tableOffset = (long)UInt64(elf, 0x28);
            int entrySize = UInt16(elf, 0x3A);
            int count = UInt16(elf, 0x3C);
            if (tableOffset + (long)entrySize * count > elf.Length)
            {
                throw new InvalidDataException(
                    $"ElfVersions: section header table (offset {tableOffset}, {count} entries of {entrySize} bytes) "
                    + $"runs past the end of the file ({elf.Length} bytes).");
            }
            for (int i = 0; i < count; i++)
            {
                // Elf64_Shdr: sh_type at 4, sh_offset at 24, sh_link at 40, sh_info at 44.
                int header = (int)tableOffset + i * entrySize;
                if (UInt32(elf, header + 4) == type)
                {
                    yield return new Section(
                        (int)UInt64(elf, header + 24), UInt32(elf, header + 40), UInt32(elf, header + 44));
                }
            }
        }

        private static int StringTableOffset(byte[] elf, Section section)
        {
            int header = (int)UInt64(elf, 0x28) + (int)section.Link * UInt16(elf, 0x3A);
            return (int)UInt64(elf, header + 24);
        }

        private static void RequireElf64LittleEndian(byte[] elf)
        {
            bool isElf = elf.Length >= 64 && elf[0] == 0x7f
                && elf[1] == (byte)'E' && elf[2] == (byte)'L' && elf[3] == (byte)'F';
            if (!isElf || elf[4] != 2 || elf[5] != 1)
            {
                string found = isElf
                    ? $"ELF class {elf[4]}, data encoding {elf[5]}"
                    : $"{elf.Length} bytes without the ELF magic number";
                throw new InvalidDataException(
                    "ElfVersions: expected a 64-bit little-endian ELF file (class 2, data encoding 1), "
                    + $"found {found}.");
            }
        }

        private static ushort UInt16(byte[] b, int at) => (ushort)(b[at] | b[at + 1] << 8);

        private static uint UInt32(byte[] b, int at) =>
            (uint)(b[at] | b[at + 1] << 8 | b[at + 2] << 16 | b[at + 3] << 24);

        private static ulong UInt64(byte[] b, int at) => UInt32(b, at) | (ulong)UInt32(b, at + 4) << 32;

        private static string ReadString(byte[] b, int at)
        {
            int end = Array.IndexOf(b, (byte)0, at);
            return Encoding.ASCII.GetString(b, at, end - at);
        }
    }
}
