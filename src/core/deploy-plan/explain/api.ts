// The change set as DescribeChangeSet returns it, typed loosely so that core never imports the
// AWS SDK: the SDK's `Change[]` is assignable to `readonly ApiChange[]`. Field meanings follow the
// CloudFormation API reference (Change, ResourceChange, ResourceChangeDetail,
// ResourceTargetDefinition).

export interface ApiTarget {
  /** Properties | Metadata | CreationPolicy | UpdatePolicy | DeletionPolicy | UpdateReplacePolicy | Tags */
  Attribute?: string;
  /** The property's name when Attribute is Properties. */
  Name?: string;
  /** Never | Conditionally | Always (Properties only). */
  RequiresRecreation?: string;
  /** With IncludePropertyValues: the property path, values before and after, Add | Remove | Modify. */
  Path?: string;
  BeforeValue?: string;
  AfterValue?: string;
  AttributeChangeType?: string;
}

export interface ApiDetail {
  Target?: ApiTarget;
  /** Static: CloudFormation knows the new value. Dynamic: it depends on a Ref/GetAtt resolved during the update. */
  Evaluation?: string;
  /** ResourceReference | ParameterReference | ResourceAttribute | DirectModification | Automatic */
  ChangeSource?: string;
  /** The resource (Ref), `Resource.Attribute` (GetAtt) or parameter behind the change; none for DirectModification. */
  CausingEntity?: string;
}

export interface ApiResourceChange {
  /** Add | Modify | Remove | Import | Dynamic */
  Action?: string;
  LogicalResourceId?: string;
  PhysicalResourceId?: string;
  ResourceType?: string;
  /** True | False | Conditional (Modify only). */
  Replacement?: string;
  Scope?: string[];
  Details?: ApiDetail[];
  /** Delete | Retain | Snapshot | ReplaceAndDelete | ReplaceAndRetain | ReplaceAndSnapshot (newer API versions). */
  PolicyAction?: string;
}

export interface ApiChange {
  Type?: string;
  ResourceChange?: ApiResourceChange;
}
