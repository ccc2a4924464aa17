using Basalt.Rpm.Format;

namespace Basalt.Compose.RpmDatabase;

/// <summary>A tag rpm adds to the installed header outside the immutable region (a "dribble" entry): its raw value bytes.</summary>
internal sealed record AddedEntry(RpmTagType Type, int Count, ReadOnlyMemory<byte> Data);
