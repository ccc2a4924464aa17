namespace Basalt.EndToEnd.Tests.Trust;

/// <summary>Changes one byte of a file in place (and puts it back), the smallest tampering there is.</summary>
internal static class ByteFlip
{
    public static byte Flip(string file, long offset)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = offset;
        var value = (byte)stream.ReadByte();
        stream.Position = offset;
        stream.WriteByte((byte)(value ^ 0x01));
        return value;
    }

    public static void Restore(string file, long offset, byte value)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = offset;
        stream.WriteByte(value);
    }
}
