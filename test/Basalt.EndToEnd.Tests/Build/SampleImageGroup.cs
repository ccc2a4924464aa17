namespace Basalt.EndToEnd.Tests.Build;

/// <summary>Every test class that looks at the sample build shares one (the build takes a while).</summary>
[CollectionDefinition(Name)]
public sealed class SampleImageGroup : ICollectionFixture<SampleImageFixture>
{
    public const string Name = "sample image";
}
