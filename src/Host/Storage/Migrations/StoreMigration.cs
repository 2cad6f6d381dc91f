using LiteDB;

namespace KsQuery.Host.Storage.Migrations;

/// <summary>One step that brings stored documents from the shape of <c>Version - 1</c> to that of <see cref="Version"/>.
/// A step must be idempotent: the version is recorded only after it, so a step interrupted (a crash, a full disk) runs
/// again in full at the next start.</summary>
internal sealed record StoreMigration(int Version, string Description, Action<ILiteDatabase> Apply);
