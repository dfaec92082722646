using System.Reflection;
using MLCourse.Build;

namespace MLCourse.Course.Tests.Build;

/// <summary>The ELF version-need patcher behind the TorchSharp-on-older-libstdc++ fix.</summary>
public class ElfVersionsTests
{
    private const string Missing = "GLIBCXX_3.4.32";

    /// <summary>TorchSharp's libLibTorchSharp.so as the NuGet cache holds it (never patched there).</summary>
    internal static byte[] PristineLibTorchSharp() => File.ReadAllBytes(
        typeof(ElfVersionsTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "TorchSharpPackageNativeLibrary").Value!);

    [Fact]
    public void LibTorchSharp_needs_GLIBCXX_3_4_32_from_libstdcxx_and_not_weakly()
    {
        var need = ElfVersions.Needs(PristineLibTorchSharp()).Single(n => n.Version == Missing);

        Assert.Equal("libstdc++.so.6", need.File);
        Assert.Equal(0, need.Flags & ElfVersions.WeakFlag);
    }

    [Fact]
    public void MarkNeedWeak_flags_that_need_and_changes_nothing_else()
    {
        byte[] original = PristineLibTorchSharp();
        byte[] patched = (byte[])original.Clone();

        Assert.True(ElfVersions.MarkNeedWeak(patched, Missing));

        var before = ElfVersions.Needs(original);
        var after = ElfVersions.Needs(patched);
        Assert.Equal(before.Select(n => (n.File, n.Version)), after.Select(n => (n.File, n.Version)));
        for (int i = 0; i < before.Count; i++)
        {
            ushort expected = before[i].Version == Missing ? (ushort)(before[i].Flags | ElfVersions.WeakFlag) : before[i].Flags;
            Assert.Equal(expected, after[i].Flags);
        }
        int differingBytes = original.Zip(patched).Count(p => p.First != p.Second);
        Assert.Equal(1, differingBytes); // the low byte of one vna_flags field
    }

    [Fact]
    public void MarkNeedWeak_is_idempotent_and_ignores_versions_that_are_not_needed()
    {
        byte[] patched = PristineLibTorchSharp();
        ElfVersions.MarkNeedWeak(patched, Missing);
        byte[] again = (byte[])patched.Clone();

        Assert.False(ElfVersions.MarkNeedWeak(again, Missing));
        Assert.False(ElfVersions.MarkNeedWeak(again, "GLIBCXX_9.9.99"));
        Assert.Equal(patched, again);
    }

    [Fact]
    public void Defines_reads_the_versions_a_libstdcxx_provides()
    {
        string? libStdCxx = SystemLibStdCxx.Find();
        if (!OperatingSystem.IsLinux() || libStdCxx is null)
        {
            return; // only Linux has an ELF libstdc++ to read
        }
        byte[] elf = File.ReadAllBytes(libStdCxx);

        Assert.True(ElfVersions.Defines(elf, "GLIBCXX_3.4"));      // the base version, in every libstdc++
        Assert.False(ElfVersions.Defines(elf, "GLIBCXX_9.9.99"));
        Assert.False(ElfVersions.Defines(PristineLibTorchSharp(), "GLIBCXX_3.4"));
    }

    [Fact]
    public void Bytes_that_are_not_a_64_bit_little_endian_ELF_file_are_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => ElfVersions.Needs(new byte[100]));

        Assert.Equal("ElfVersions: expected a 64-bit little-endian ELF file (class 2, data encoding 1), found 100 bytes without the ELF magic number.", error.Message);
    }
}
